//! iOS/iPadOS: タイムラインの行 (`LINES`) と検出結果 (`FINDINGS`) の日本語テキスト。
//! コードごとに英語の表 (`rules.rs` の `LINES`、`findings.rs` の `TABLE`) と
//! 対応し、`{name}`・`{#name}` のパラメーターと `[…]` (値がないときは省略) も
//! 同じです。すべてのコードに日本語があることはテストで確認しています。

use crate::platforms::findings::Text;
use crate::platforms::lines::Line;

pub static LINES: &[Line] = &[
    // --- iOS/iPadOS (profiled) ---
    Line { code: "ios.unrecognized", text: "認識できない SCEP の行: {line}" },
    Line { code: "ios.getcacert-returned", text: "NDES の応答 (GetCACert): {answer}" },
    Line { code: "ios.getcacaps", text: "証明機関の証明書を受け入れ、NDES に機能の一覧を要求 (GetCACaps)" },
    Line { code: "ios.retrieve-issued", text: "証明機関の証明書と機能を取得し、デバイスが証明書を要求" },
    Line { code: "ios.request-failed", text: "{operation} の要求に失敗: {error}" },
    Line { code: "ios.ra-key-usage", text: "NDES が返した RA 証明書のキー使用法が正しくない" },
    Line { code: "ios.unnamed-error", text: "エラー" },
    Line { code: "ios.url-request-succeeded", text: "NDES が要求に応答" },
    Line { code: "ios.storing-server-certificates", text: "NDES が返した証明機関と RA の証明書を一時保存" },
    Line { code: "ios.no-getcacaps", text: "NDES が機能の一覧を返さないため、デバイスは SHA-1 のみと判断" },
    Line { code: "ios.storing-identity", text: "証明書と秘密キーを保存" },
    Line { code: "ios.capability", text: "NDES の機能: {capability}" },
    Line { code: "ios.attached-to-management-profile", text: "SCEP プロファイルを Intune の管理プロファイルに関連付け" },
    Line { code: "ios.polling", text: "証明機関がまだ証明書を発行していないため、デバイスが NDES を再度ポーリング" },
    Line { code: "ios.not-issued-yet", text: "証明書はまだ発行されていない[: {detail}]" },
    Line { code: "ios.identity-stored", text: "証明書と秘密キーをキーチェーンに格納" },
    Line { code: "ios.scep-profile-installed", text: "SCEP 証明書プロファイルをインストール" },
    Line { code: "ios.dependent-profile-installed", text: "{profile_kind} プロファイル {profile} をインストール" },
    Line { code: "ios.scep-failed", text: "SCEP の処理に失敗: MCSCEPErrorDomain {code}、{#meaning}[ ({message})][、基になるエラー: {cause}][ ({#cause_symbol}: {#cause_meaning})]" },
    Line { code: "ios.mdmclient-scep-failed", text: "macOS の SCEP 登録に失敗: {error}[ ({message})]" },
    Line { code: "ios.install-failed", text: "インストールに失敗: {error}[ ({message})]" },
    Line { code: "ios.mcscep-22000", text: "プロファイルのキー使用法が無効" },
    Line { code: "ios.mcscep-22001", text: "キー ペアを生成できない" },
    Line { code: "ios.mcscep-22002", text: "証明機関の証明書の応答が無効" },
    Line { code: "ios.mcscep-22003", text: "RA の応答が無効" },
    Line { code: "ios.mcscep-22004", text: "SCEP サーバーの構成がサポートされていない" },
    Line { code: "ios.mcscep-22005", text: "NDES との通信でネットワーク エラー" },
    Line { code: "ios.mcscep-22006", text: "証明機関の機能が不足" },
    Line { code: "ios.mcscep-22007", text: "応答に証明書が含まれていない" },
    Line { code: "ios.mcscep-22008", text: "ID を作成できない" },
    Line { code: "ios.mcscep-22009", text: "一時 ID を作成できない" },
    Line { code: "ios.mcscep-22010", text: "一時 ID を保存できない" },
    Line { code: "ios.mcscep-22011", text: "CSR を生成できない" },
    Line { code: "ios.mcscep-22012", text: "証明機関の証明書を保存できない" },
    Line { code: "ios.mcscep-22013", text: "PKIOperation の応答が無効" },
];

pub static FINDINGS: &[Text] = &[
    // --- iOS/iPadOS ---
    Text {
        code: "ios.scep-22000",
        title: "SCEP 証明書プロファイルのキー使用法が iOS で許可されていません (MCSCEPErrorDomain 22000)",
        explanation: "iOS は NDES に接続する前に SCEP ペイロードを拒否しました。キー使用法に、デジタル署名とキーの暗号化以外のビットが含まれています。",
        fix: "Intune の SCEP 証明書プロファイルでキー使用法をデジタル署名とキーの暗号化のみにし、証明機関のテンプレートで「署名は発行元の証明 (否認不可)」をオフにしてください。保存してからデバイスを同期します。",
    },
    Text {
        code: "ios.scep-22001",
        title: "デバイスでキー ペアを生成できませんでした (MCSCEPErrorDomain 22001)",
        explanation: "iOS で証明書要求用の秘密キーを作成できませんでした。プロファイルのキー サイズがサポートされていないか、キーチェーンを使用できない状態 (再起動直後でデバイスがロックされている) である可能性があります。",
        fix: "SCEP 証明書プロファイルのキー サイズを 2048 (または 4096) にし、デバイスのロックを解除してから再度同期してください。",
    },
    Text {
        code: "ios.scep-22002",
        title: "NDES の GetCACert の応答が有効な証明機関の証明書ではありません (MCSCEPErrorDomain 22002)",
        explanation: "NDES は GetCACert に単一証明書のコンテンツ タイプで応答しましたが、本文がデバイスで読み取れる証明書ではありません。NDES の代わりにプロキシ、ファイアウォール、ログイン ページが応答したか、NDES の構成に誤りがあります。",
        fix: "デバイスと同じネットワークから <SCEP URL>?operation=GetCACert を開き、HTML ページではなく証明書がダウンロードされることを確認してください。NDES の IIS ログでこの要求を確認し、NDES の前段にあるプロキシが応答を書き換えていないことを確認してください。",
    },
    Text {
        code: "ios.scep-22003",
        title: "登録機関 (RA) の応答が無効です (MCSCEPErrorDomain 22003)",
        explanation: "デバイスは NDES から GetCACert の応答 (証明機関と RA の証明書) を受け取りましたが、検証できなかったため GetCACaps を要求しませんでした。Intune の場合、ほぼ確実に信頼の問題です。信頼された証明書プロファイルに NDES の証明機関のルートではなく中間証明書や別のルートが入っているか、ルート / 中間証明書が iOS の受け付けないアルゴリズム (RSASSA-PSS、SHA-1) で署名されています。この場合、IIS ログには GetCACert の 200 だけが記録され、GetCACaps はありません。",
        fix: "NDES が使用している証明機関のルート証明書をエクスポートし、SCEP 証明書プロファイルが参照する信頼された証明書プロファイルでまさにその証明書を展開してください (中間証明書はそれぞれ別の信頼された証明書プロファイルで)。証明機関の証明書が RSASSA-PSS または SHA-1 で署名されている場合は SHA256RSA で再発行し、新しい証明機関から NDES の RA 証明書を更新してください。",
    },
    Text {
        code: "ios.scep-22004",
        title: "SCEP サーバーの構成がサポートされていません (MCSCEPErrorDomain 22004)",
        explanation: "GetCACert の応答に、デバイスが使用できる証明機関または RA の証明書が含まれていませんでした。想定外のコンテンツ タイプや、使用可能な RA 証明書のないチェーンなどです。",
        fix: "NDES の RA 証明書 (CEP Encryption と Exchange Enrollment Agent (Offline request)) が NDES サーバーのコンピューターの個人ストアに存在し有効であることを確認してから、iisreset を実行してください。デバイスと NDES の間で応答を書き換えるものがないことも確認してください。",
    },
    Text {
        code: "ios.scep-22005",
        title: "デバイスが NDES に到達できませんでした (MCSCEPErrorDomain 22005)",
        explanation: "SCEP サーバー URL への接続に失敗しました。DNS、ファイアウォール、プロキシ、NDES またはプロキシからの HTTP エラー、またはデバイスが信頼していない NDES (またはアプリケーション プロキシ) の URL の TLS 証明書が考えられます。ログに記録された根本のエラー: {cause}。",
        fix: "デバイスと同じネットワークからプロファイルの SCEP サーバー URL をブラウザーで開き、HTTP 403 が返ることを確認してください。HTTP ステータスが記録されている場合は、NDES サーバーの IIS ログで確認してください。URL の TLS 証明書が、デバイスの信頼するルートにチェーンすることを確認してください。",
    },
    Text {
        code: "ios.scep-22006",
        title: "証明機関に必要な機能がありません (MCSCEPErrorDomain 22006)",
        explanation: "GetCACaps に、デバイスが使用できるハッシュ アルゴリズム (SHA-512、SHA-256、SHA-1) が含まれていませんでした。",
        fix: "NDES の GetCACaps (<SCEP URL>?operation=GetCACaps) に SHA-256 または SHA-512 が含まれていること、NDES の前段で別のものが代わりに応答していないことを確認してください。",
    },
    Text {
        code: "ios.scep-22007",
        title: "NDES の応答に証明書が含まれていません (MCSCEPErrorDomain 22007)",
        explanation: "デバイスは NDES の PKIOperation の応答を検証しましたが、その中に発行済みの証明書がありませんでした。",
        fix: "証明機関が証明書を発行したこと ([発行した証明書]) と、NDES サーバーの Intune 証明書コネクタの Operational ログでこの要求を確認してから、デバイスを同期してください。",
    },
    Text {
        code: "ios.scep-22008",
        title: "発行された証明書がデバイスのキーと一致しません (MCSCEPErrorDomain 22008)",
        explanation: "iOS は発行された証明書と自身が生成した秘密キーを組み合わせられず、ID を作成できませんでした。返された証明書は、おそらくこの要求に対して発行されたものではありません (キャッシュやロード バランサーによる応答の取り違え)。",
        fix: "URL の背後にあるすべての NDES サーバーで同じ RA 証明書を共有し、応答をキャッシュするプロキシがないことを確認してから、デバイスを同期して新しい要求を開始してください。",
    },
    Text {
        code: "ios.scep-22009",
        title: "デバイスで一時的な ID を作成できませんでした (MCSCEPErrorDomain 22009)",
        explanation: "iOS は SCEP 要求に一時的な自己署名 ID で署名しますが、それを作成できませんでした。デバイス側のキーチェーンの問題です。",
        fix: "デバイスのロックを解除し、再起動してから再度同期してください。解決しない場合は、管理プロファイルを削除して再度追加するか、iOS を更新してください。",
    },
    Text {
        code: "ios.scep-22010",
        title: "デバイスで一時的な ID を保存できませんでした (MCSCEPErrorDomain 22010)",
        explanation: "SCEP 要求の署名に使用する一時的な ID の保存を、キーチェーンが拒否しました。",
        fix: "デバイスのロックを解除し、再起動してから再度同期してください。解決しない場合は、iOS を更新するか、デバイスを再登録してください。",
    },
    Text {
        code: "ios.scep-22011",
        title: "デバイスで証明書署名要求を作成できませんでした (MCSCEPErrorDomain 22011)",
        explanation: "iOS はプロファイルの設定から CSR を作成できませんでした。多くの場合、Intune が変数を埋めた後のサブジェクト名またはサブジェクト代替名が無効 (属性が空、サポートされない形式) であることが原因です。",
        fix: "SCEP 証明書プロファイルのサブジェクト名の形式とサブジェクト代替名を確認し、使用している属性 (メール アドレスなど) がユーザーまたはデバイスにすべて設定されていることを確認してください。保存してからデバイスを同期します。",
    },
    Text {
        code: "ios.scep-22012",
        title: "デバイスで証明機関の証明書を保存できませんでした (MCSCEPErrorDomain 22012)",
        explanation: "GetCACert で受け取った証明機関の証明書をキーチェーンに保存できませんでした。",
        fix: "デバイスのロックを解除し、再起動してから再度同期してください。",
    },
    Text {
        code: "ios.scep-22013",
        title: "SCEP サーバーが無効な応答を返しました (MCSCEPErrorDomain 22013)",
        explanation: "デバイスは証明書要求を送信しましたが、NDES の PKIOperation の応答を検証できなかったか、成功ではありませんでした。NDES がこのように応答するのは、ステップ 3 で要求が拒否された場合 (Intune ポリシー モジュールがチャレンジを検証できなかった: 有効期限切れ、使用済み、コネクタが未接続)、ステップ 4 で拒否された場合 (証明機関による拒否: テンプレート、サブジェクト、キー長)、そしてデバイスが使用したものとは別の RA 証明書で応答が署名または暗号化された場合です。",
        fix: "NDES / コネクタ サーバーで Intune 証明書コネクタの Operational ログ (4005: 検証の失敗、4007: 発行の失敗) と、証明機関の [失敗した要求] でこの要求を確認してください。そのうえで、URL の背後にあるすべての NDES サーバーが同じ RA 証明書を共有していることを確認し、RA 証明書を更新した後は iisreset を実行してください。",
    },
    Text {
        code: "ios.ra-key-usage",
        title: "NDES の RA 証明書のキー使用法が正しくありません",
        explanation: "GetCACert は証明機関と RA のチェーンを返しましたが、iOS が必要とするキー使用法を持つ RA 証明書が見つからなかったため (Security エラー -67731「The key usage is incorrect」)、GetCACaps の前で停止しました。",
        fix: "NDES の RA 証明書を既定のテンプレート (CEP Encryption: キーの暗号化、Exchange Enrollment Agent (Offline request): デジタル署名) から更新し、古い証明書を NDES サーバーのコンピューターの個人ストアから削除して、iisreset を実行してください。",
    },
    Text {
        code: "ios.install-error",
        title: "プロファイルのインストールに失敗しました: {error}",
        explanation: "ManagedConfiguration が {error} を報告しました: {message}。MCInstallationErrorDomain と MCProfileErrorDomain のエラーは本当の原因を包んでいるだけですが、その下に SCEP のエラー コードは見つかりませんでした。",
        fix: "デバイス ログでこのエラーの前後の行を読み、エラーが示すペイロードを確認してください。SCEP 証明書プロファイルと信頼された証明書プロファイルについては、両方が同じグループに割り当てられていること、信頼された証明書プロファイルにルート証明機関の .cer が入っていることを確認してください。",
    },
    Text {
        code: "ios.mdmclient-scep-error",
        title: "Mac の SCEP 登録に失敗しました: {error}",
        explanation: "macOS の MDM クライアント (mdmclient) が SCEP 証明書の登録中に {error} を報告しました: {message}。SCEP サーバーから証明書を取得できていません。",
        fix: "この要求 (メッセージ中の URL) について SCEP サーバーのログを確認してください。要求が届いたか、チャレンジが受け入れられたか、CA が発行したか。そのうえで、Mac がサーバーの TLS 証明書を信頼していること、プロファイルのチャレンジがまだ有効であることを確認してください。コードの意味はコード検索で確認できます。",
    },
    Text {
        code: "ios.dependent-profile-installed",
        title: "{profile_kind} プロファイル {profile} がインストールされました",
        explanation: "iOS は、{profile_kind} プロファイルが参照する証明書がデバイスに揃ってからそのプロファイルをインストールします。したがって、このインストールは使用する証明書が配信されたことを示します。どの SCEP 証明書を使用するかはログには記録されません。",
        fix: "対処は不要です。それでも {profile_kind} の接続に失敗する場合は、証明書の拡張キー使用法とサブジェクトが、RADIUS サーバーまたは VPN サーバーの要件と一致しているか確認してください。",
    },
    Text {
        code: "ios.no-evidence",
        title: "この iOS/iPadOS ログには証明書に関する動作がありません",
        explanation: "ログは読み取れましたが、SCEP 証明書プロファイルや信頼された証明書プロファイルの痕跡がありません。プロファイルがこのユーザーまたはデバイスに割り当てられていないか、ログの取得中にデバイスが同期しなかったか、情報メッセージとデバッグ メッセージが含まれていません。iOS のポータル サイトのログには SCEP の情報は含まれません。",
        fix: "デバイスを Mac に接続してコンソール アプリを開き、デバイスを選択して [アクション] > [情報メッセージを含める] と [デバッグメッセージを含める] を選択してから、ポータル サイト (または設定) からデバイスを同期して現象を再現してください。[編集] > [すべてを選択]、[編集] > [コピー] を選び、テキスト ファイルに貼り付けます。Intune 管理センターで、SCEP 証明書プロファイルとその信頼された証明書プロファイルが同じユーザー グループまたはデバイス グループに割り当てられていることを確認してください。",
    },
];
