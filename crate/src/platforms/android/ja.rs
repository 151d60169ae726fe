//! Android: タイムラインの行 (`LINES`) と検出結果 (`FINDINGS`) の日本語テキスト。
//! コードごとに英語の表 (`rules.rs` の `LINES`、`findings.rs` の `TABLE`) と
//! 対応し、`{name}`・`{#name}` のパラメーターと `[…]` (値がないときは省略) も
//! 同じです。すべてのコードに日本語があることはテストで確認しています。

use crate::platforms::findings::Text;
use crate::platforms::lines::Line;

pub static LINES: &[Line] = &[
    // --- Android (ポータル サイトの OMADM ログ) ---
    Line { code: "android.enroll-start", text: "ポータル サイトが登録を開始" },
    Line { code: "android.pkcsreq", text: "CSR を作成して署名 (PKCSReq、トランザクション {transaction})" },
    Line { code: "android.operation-failed", text: "登録に失敗: {fail_info}" },
    Line { code: "android.cannot-reach-ndes", text: "NDES に接続できない: {message}" },
    Line { code: "android.ra-not-issued-by-ca", text: "NDES の RA 証明書がこの証明機関から発行されていない" },
    Line { code: "android.ca-fingerprint-mismatch", text: "NDES が返した証明機関の証明書が、プロファイルの証明機関の拇印と一致しない" },
    Line { code: "android.content-type-mismatch", text: "NDES の応答のコンテンツ タイプが {expected} ではなく {actual}" },
    Line { code: "android.response-mismatch", text: "NDES の応答がこの要求に対応していない: {message}" },
    Line { code: "android.response-replayed", text: "NDES の応答が以前の nonce を再利用している" },
    Line { code: "android.response-unverified", text: "NDES の応答の署名を検証できない" },
    Line { code: "android.install-state", text: "インストールの状態: {from} → {to}" },
    Line { code: "android.root-install-state", text: "ルート証明書のインストールの状態: {from} → {to}" },
    Line { code: "android.consumer-selected", text: "Wi-Fi/VPN プロファイルがこの証明書を選択 (エイリアス {alias})" },
    Line { code: "android.consumer-waiting", text: "{profile_kind} プロファイル '{profile}' が証明書を待機中" },
    Line { code: "android.consumer-excluded", text: "Wi-Fi/VPN プロファイルがこの証明書を除外: 拡張キー使用法「すべての目的」なし (エイリアス {alias})" },
    // --- Android Enterprise (Intune アプリの CloudExtension ログ) ---
    Line { code: "android.ae-ca-installed", text: "信頼されたルート証明書 (証明機関) をインストール" },
    Line { code: "android.ae-acquire", text: "NDES に証明書を要求" },
    Line { code: "android.ae-acquired", text: "NDES から証明書を取得 (CertAcquiredEvent)" },
    Line { code: "android.ae-saved", text: "証明書をデバイスに保存 (CertSavedEvent)" },
    Line { code: "android.ae-access-granted", text: "証明書へのアクセスを許可 (CertAccessGrantedEvent)" },
];

pub static FINDINGS: &[Text] = &[
    // --- Android ---
    Text {
        code: "android.transport-error",
        title: "デバイスが NDES と通信できませんでした: {message}",
        explanation: "HTTP の応答を受け取る前に接続が失敗しました。NDES のホスト名を名前解決できない、ネットワーク経路がブロックされている、またはデバイスが NDES (またはプロキシ) の URL の TLS 証明書を信頼していないことが考えられます。",
        fix: "デバイスと同じネットワークから SCEP サーバー URL をブラウザーで開き、HTTP 403 が返ることを確認してください。DNS とファイアウォールを確認し、NDES サーバーの TLS 証明書がデバイスの信頼するルート (公的に信頼されたルート、または信頼された証明書プロファイルで展開したルート) にチェーンすることを確認してください。IIS ログに要求がまったく記録されていない場合は、NDES に届く前に経路がブロックされています。",
    },
    Text {
        code: "android.ra-not-issued-by-ca",
        title: "NDES の RA 証明書が証明機関から発行されたものではありません",
        explanation: "GetCACert が返した RA (登録機関) 証明書が証明機関の証明書にチェーンしていないため、デバイスは要求を送信しません。",
        fix: "NDES サーバーで、発行元の証明機関から RA 証明書 (CEP Encryption と Exchange Enrollment Agent (Offline request)) を更新し、ローカル コンピューターの個人ストアから古い証明書を削除して、iisreset を実行してください。",
    },
    Text {
        code: "android.ca-fingerprint-mismatch",
        title: "NDES が返した証明機関が信頼された証明書プロファイルと一致しません",
        explanation: "デバイスは GetCACert で受け取った証明機関の証明書を、プロファイル内の証明機関の拇印と照合します。両者が異なっています。通常は、信頼された証明書プロファイルに別のルートや中間証明書が入っているか、証明機関が更新されたことが原因です。",
        fix: "NDES が使用している証明機関の証明書をエクスポートし、SCEP 証明書プロファイルが参照する信頼された証明書プロファイルで、まさにそのルート (およびその中間証明書) を展開してください。",
    },
    Text {
        code: "android.content-type-mismatch",
        title: "NDES の応答のコンテンツ タイプが正しくありません ({actual})",
        explanation: "デバイスは {expected} を期待していましたが、{actual} を受け取りました。デバイスと NDES の間にある何かが HTML ページを返したか、本文を書き換えています。ログイン ページ、ファイアウォールのブロック ページ、または本文内の URL を変換する Microsoft Entra アプリケーション プロキシなどです。",
        fix: "NDES 用のアプリケーション プロキシ アプリで「アプリケーション本文内の URL を変換する」をオフにし、事前認証をパススルーにしてください。また、/certsrv/mscep/mscep.dll を書き換えるファイアウォールやプロキシがないことを確認してください。",
    },
    Text {
        code: "android.response-mismatch",
        title: "NDES からの応答がこの要求のものではありません",
        explanation: "デバイスは NDES の応答を拒否しました ({message})。トランザクション ID または nonce が一致しないか、署名を検証できませんでした。GetCACert と PKIOperation を別々の NDES サーバーに振り分けるロード バランサーや、キャッシュするプロキシが原因になります。",
        fix: "URL の背後にあるすべての NDES サーバーで同じ RA 証明書を共有するか、クライアントを 1 台のサーバーに固定 (セッション アフィニティ) してください。NDES の前段にあるプロキシではキャッシュを無効にしてください。",
    },
    Text {
        code: "android.install-state-failed",
        title: "デバイスで証明書のインストールに失敗しました ({state})",
        explanation: "ポータル サイトのインストール処理が {state} で終了しました。証明書は発行されましたが、インストールできなかったか、そのキーにアクセスできませんでした。",
        fix: "デバイスでポータル サイトを開いて同期し、証明書のインストールを求められたら承諾してください。再度失敗する場合は、詳細ログを有効にしてポータル サイトのログを収集し、この状態の前後の行を確認してください。",
    },
    Text {
        code: "android.waiting-for-user-install",
        title: "証明書はユーザーによるインストールを待っています",
        explanation: "証明書は発行され、ポータル サイトがユーザーにインストールを求めています (デバイス管理者で登録したデバイスでは通知が表示されます)。ユーザーが承諾する前にログが終わっています。",
        fix: "ポータル サイトの通知をタップして証明書をインストールするよう、ユーザーに依頼してください。Android Enterprise で登録したデバイスではサイレントにインストールされるため、この手順は不要です。",
    },
    Text {
        code: "android.waiting-for-access",
        title: "証明書はユーザーによるアクセス許可を待っています",
        explanation: "証明書はインストールされていますが、ポータル サイトはまだユーザーがキーへのアクセスを許可するのを待っています。そのため、Wi-Fi や VPN のプロファイルはまだこの証明書を使用できません。",
        fix: "ポータル サイトの通知を開いて証明書へのアクセスを許可するよう、ユーザーに依頼してください。",
    },
    Text {
        code: "android.root-waiting-for-user",
        title: "信頼されたルート証明書はユーザーによるインストールを待っています",
        explanation: "デバイス管理者で登録したデバイスでは、ルート証明書をインストールするためにユーザーがポータル サイトの通知を承諾する必要があります。Android 11 以降では、デバイス管理者のデバイスに信頼された証明書プロファイルでルートをインストールすることはできません (Samsung Knox を除く)。",
        fix: "ポータル サイトの通知から証明書をインストールするよう、ユーザーに依頼してください。Android 11 以降では、デバイスを Android Enterprise (仕事用プロファイルまたはフル マネージド) に移行してください。",
    },
    Text {
        code: "android.root-install-failed",
        title: "信頼されたルート証明書のインストールに失敗しました ({state})",
        explanation: "ポータル サイトは信頼されたルート証明書をインストールできませんでした。これがないと、SCEP 証明書のチェーンは信頼されません。",
        fix: "信頼された証明書プロファイルに、ルート (または中間) 証明書の .cer ファイルだけが含まれていることを確認してから、デバイスを同期してください。",
    },
    Text {
        code: "android.profile-waiting-for-certificates",
        title: "{profile_kind} プロファイル '{profile}' が証明書を待っています",
        explanation: "必要な証明書がないため、{profile_kind} プロファイルが適用されていません。信頼されたルート証明書または SCEP 証明書がまだインストールされていないか、インストール済みの証明書がプロファイルの条件 (拡張キー使用法など) に一致していません。",
        fix: "{profile_kind} プロファイルが参照する信頼された証明書プロファイルと SCEP 証明書プロファイルが同じグループに割り当てられ、インストールされていることを確認してください。インストールされている場合は、プロファイルが要求する拡張キー使用法と証明機関のテンプレートを比較してください。",
    },
    Text {
        code: "android.eku-any-purpose-missing",
        title: "証明書が除外されました: 拡張キー使用法「すべての目的」がありません",
        explanation: "Wi-Fi または VPN のプロファイルは拡張キー使用法「すべての目的」を持つ証明書を要求していますが、発行された証明書 ({alias}) にはそれが含まれていないため、プロファイルはこの証明書を使用できません。",
        fix: "証明機関の証明書テンプレートに「すべての目的」を追加して再発行するか、SCEP 証明書プロファイルの拡張キー使用法から「すべての目的」を削除してください。",
    },
    Text {
        code: "android.no-evidence",
        title: "この Android ログには証明書に関する動作がありません",
        explanation: "ログは読み取れましたが、信頼された証明書プロファイルや SCEP 証明書プロファイルの痕跡がありません。プロファイルがこのユーザーまたはデバイスに割り当てられていないか、その後デバイスが同期していないか、詳細ログが無効だった可能性があります。",
        fix: "ポータル サイトの [設定] で詳細ログを有効にし、デバイスを同期 ([設定] > [同期]) して現象を再現してから、ログを送信 ([ヘルプ] > [ログの送信]) するか OMADM.log をコピーしてください。Intune 管理センターで、SCEP 証明書プロファイルとその信頼された証明書プロファイルが同じユーザー グループまたはデバイス グループに割り当てられていることを確認してください。Android Enterprise のデバイスは、代わりに Intune アプリの CloudExtension.log に記録します。",
    },
];
