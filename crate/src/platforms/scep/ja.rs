//! SCEP の交換 (全プラットフォーム共通): タイムラインの行 (`LINES`) と検出結果 (`FINDINGS`) の日本語テキスト。
//! コードごとに英語の表 (`rules.rs` の `LINES`、`findings.rs` の `TABLE`) と
//! 対応し、`{name}`・`{#name}` のパラメーターと `[…]` (値がないときは省略) も
//! 同じです。すべてのコードに日本語があることはテストで確認しています。

use crate::platforms::findings::Text;
use crate::platforms::lines::Line;

pub static LINES: &[Line] = &[
    // --- 全プラットフォーム共通 (SCEP の交換とプロファイル) ---
    Line { code: "scep.profile-received", text: "SCEP 証明書プロファイルを受信[ ({via}[、{store} ストア])]" },
    Line { code: "scep.root-profile-received", text: "信頼されたルート証明書プロファイルを受信[ ({via})]" },
    Line { code: "scep.intermediate-profile-received", text: "中間証明機関の証明書プロファイルを受信[ ({via})]" },
    Line { code: "scep.root-profile-installed", text: "信頼されたルート証明書プロファイルをインストール" },
    Line { code: "scep.intermediate-profile-installed", text: "中間証明機関の証明書プロファイルをインストール" },
    Line { code: "scep.get-ca-cert", text: "NDES に証明機関の証明書を要求 (GetCACert): {url}" },
    Line { code: "scep.get-ca-caps", text: "NDES に機能の一覧を要求 (GetCACaps): {url}" },
    Line { code: "scep.sends", text: "{operation} を送信: {url}" },
    Line { code: "scep.ndes-answered", text: "NDES の応答 ({operation}): {status}[ {reason}]" },
    Line { code: "scep.ndes-http-error", text: "NDES の応答 ({operation}): HTTP {status}[ {reason}]" },
    Line { code: "scep.csr-sent", text: "CSR を NDES に送信 (PKIOperation[、{method}])" },
    Line { code: "scep.pki-operation", text: "{#purpose} (PKIOperation)[: {message_type}][、トランザクション {transaction}][、RA 証明書 (発行者 {issuer}[、シリアル番号 {serial}]) 宛てに暗号化][、コンテンツの暗号化 {cipher}][、{digest} で署名][ {#cut}]" },
    Line { code: "scep.purpose-request", text: "証明書の要求を送信" },
    Line { code: "scep.purpose-poll", text: "証明書が発行されたかを NDES に確認" },
    Line { code: "scep.purpose-message", text: "SCEP メッセージを送信" },
    Line { code: "scep.message-cut", text: "(ログでメッセージが途切れているため、以降のフィールドは不明)" },
    Line { code: "scep.certrep-success", text: "CertRep SUCCESS: 証明機関が証明書を発行" },
    Line { code: "scep.certrep-pending", text: "CertRep PENDING: 証明機関が要求を承認待ちとして保留" },
    Line { code: "scep.certrep-failure", text: "CertRep FAILURE (failInfo {fail_info}): 要求を拒否" },
    Line { code: "scep.issued-received", text: "NDES から発行済みの証明書を受信" },
    Line { code: "scep.unnamed-operation", text: "SCEP 要求" },
    Line { code: "scep.unnamed-url", text: "SCEP サーバーの URL" },
    Line { code: "scep.no-fail-info", text: "なし" },
    Line { code: "scep.next-step-2", text: "ステップ 2 (デバイスから NDES への接続): NDES サーバーの IIS ログを確認してください" },
    Line { code: "scep.next-steps-3-4", text: "ステップ 3 と 4 (ポリシー モジュールと証明機関): Intune 証明書コネクタのログと、証明機関の発行済み要求・失敗した要求を確認してください" },
    Line { code: "scep.next-step-5", text: "ステップ 5 (デバイスへのインストール)" },
];

pub static FINDINGS: &[Text] = &[
    // --- SCEP の交換 (全プラットフォーム共通) ---
    Text {
        code: "scep.http-403",
        title: "NDES が {operation} に HTTP 403 Forbidden を返しました",
        explanation: "デバイスは {url} のサーバーに到達しましたが、SCEP 要求が拒否されました。SCEP の URL をブラウザーで直接開いた場合は 403 が正常ですが、SCEP の操作で 403 になってはいけません。NDES の前段にあるプロキシや Web アプリケーション ファイアウォール、IIS の IP アドレス制限、要求フィルタリングの規則が原因として考えられます。",
        fix: "NDES サーバーの IIS ログ (W3SVC1) でこの要求とサブステータスを確認してください。/certsrv/mscep/mscep.dll に対する制限を外し、NDES を Microsoft Entra アプリケーション プロキシで公開している場合は、事前認証がパススルーになっていることを確認してください。",
    },
    Text {
        code: "scep.http-404",
        title: "NDES が {operation} に HTTP 404 Not Found を返しました",
        explanation: "プロファイルの SCEP サーバー URL が NDES アプリケーションを指していません。{url} はこのサーバー上に存在しません。",
        fix: "Intune の SCEP 証明書プロファイルの SCEP サーバー URL と NDES の URL (https://<server>/certsrv/mscep/mscep.dll) を比較してください。デバイスと同じネットワークからこの URL をブラウザーで開いて HTTP 403 が返れば、パスは正しいと判断できます。",
    },
    Text {
        code: "scep.http-414",
        title: "NDES が {operation} に HTTP 414 Request-URI Too Long を返しました",
        explanation: "SCEP 要求は URL に含めて送信されますが、その長さが IIS の上限を超えています。Intune のチャレンジを含むため、この URL は長くなります。",
        fix: "NDES サーバーで IIS の要求フィルタリングの maxUrl と maxQueryString を 65534 に設定し、HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters に MaxFieldLength と MaxRequestBytes (DWORD) を 65534 で設定してから、サーバーを再起動してください。",
    },
    Text {
        code: "scep.http-500",
        title: "NDES が {operation} に HTTP 500 Internal Server Error を返しました",
        explanation: "要求の処理中に NDES 自体でエラーが発生しました。よくある原因: IIS_IUSRS グループに「認証後にクライアントを偽装」の権利がない (IIS ログの sc-win32-status が 1346)、NDES サービス アカウントがロックされているかパスワードの有効期限が切れている、NDES の RA 証明書 (CEP Encryption、Exchange Enrollment Agent) の有効期限が切れている、ルート証明機関の CRL の有効期限が切れている。",
        fix: "NDES サーバーの IIS ログでこの要求の行を確認してください。win32 status が 1346 の場合は、secpol.msc で IIS_IUSRS に「認証後にクライアントを偽装」を割り当てて再起動します。それ以外の場合は、サービス アカウントを確認し、期限切れの RA 証明書を更新して iisreset を実行し、証明機関の CRL が有効であることを確認してください。",
    },
    Text {
        code: "scep.http-502",
        title: "NDES が {operation} に HTTP 502 Bad Gateway を返しました",
        explanation: "デバイスと NDES の間にあるプロキシ (多くの場合 Microsoft Entra アプリケーション プロキシ) が NDES サーバーに到達できませんでした。",
        fix: "NDES アプリケーションに割り当てたアプリケーション プロキシのコネクタ グループに、NDES サーバーに到達できるコネクタが含まれていること、内部 URL が正しいことを確認してください。",
    },
    Text {
        code: "scep.http-503",
        title: "NDES が {operation} に HTTP 503 Service Unavailable を返しました",
        explanation: "NDES サーバーの IIS で SCEP アプリケーション プールが停止しているか、クラッシュを繰り返しています。既知の原因: NDES サーバーの信頼されたルート証明機関ストアに中間証明機関の証明書がある、コネクタの証明書の CRL に到達できない、CertificateRegistrationSvc で Windows 認証が有効になっている、NDES ポリシー モジュールの証明書の有効期限が切れている。",
        fix: "IIS マネージャーで SCEP アプリケーション プールを開始してください。NDES サーバーのアプリケーション ログでイベント 1000 (w3wp.exe) を確認し、中間証明書を信頼されたルート証明機関ストアから移動します。HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\Modules\\NDESPolicy\\NDESCertThumbprint が示す証明書の有効期限が切れている場合は更新してください。",
    },
    Text {
        code: "scep.http-504",
        title: "NDES が {operation} に HTTP 504 Gateway Timeout を返しました",
        explanation: "NDES の前段にあるプロキシ (通常は Microsoft Entra アプリケーション プロキシ) が、時間内に NDES サーバーから応答を受け取れませんでした。",
        fix: "Microsoft Entra アプリケーション プロキシ コネクタのサービスがそのサーバーで実行中であり、NDES に到達できることを確認してから、NDES サーバーが稼働していることを確認してください。",
    },
    Text {
        code: "scep.http-error",
        title: "NDES が {operation} に HTTP {status} {reason} を返しました",
        explanation: "デバイスは {url} に到達しましたが、応答が 200 OK ではなかったため、SCEP の交換はそこで停止しました。",
        fix: "NDES サーバーの IIS ログ (W3SVC1) でこの要求を探し、ステータスとサブステータスを確認してください。SCEP サーバー URL をブラウザーで開くと HTTP 403 になるのが正常です。それ以外の応答は、サーバーまたはその前段のプロキシに問題があることを示します。",
    },
    Text {
        code: "scep.fail-bad-request",
        title: "NDES が要求を拒否しました (CertRep FAILURE、failInfo {fail_info})",
        explanation: "要求は NDES に届きましたが、Intune ポリシー モジュールまたは証明機関が拒否しました。主な原因は、コネクタが Intune でチャレンジを検証できなかった (有効期限切れ、使用済み、コネクタが未接続) か、証明機関による拒否 (テンプレートが許可されていない、サブジェクト名やキー長がテンプレートで許可されていない) です。",
        fix: "NDES / コネクタ サーバーで Intune 証明書コネクタの Operational ログを開き、イベント 4005 (検証の失敗、ステップ 3) または 4007 (発行の失敗、ステップ 4) を確認し、証明機関の [失敗した要求] で理由を確認してください。そのうえで、SCEP 証明書プロファイルで指定した証明書テンプレートが証明機関で発行されていること、NDES サービス アカウントにそのテンプレートの登録権限があることを確認してください。",
    },
    Text {
        code: "scep.fail-bad-alg",
        title: "NDES が要求を拒否しました: サポートされていないアルゴリズム",
        explanation: "failInfo badAlg の CertRep FAILURE です。デバイスが使用したハッシュ アルゴリズムまたは暗号化アルゴリズムを、NDES または証明機関が受け付けていません。",
        fix: "SCEP 証明書プロファイルのハッシュ アルゴリズムが NDES でサポートされていること (GetCACaps に SHA-256 / SHA-512 が含まれること)、証明機関の証明書とテンプレートがそのアルゴリズムを許可していることを確認してください。",
    },
    Text {
        code: "scep.fail-bad-message-check",
        title: "NDES が要求の署名を検証できませんでした",
        explanation: "failInfo badMessageCheck の CertRep FAILURE です。署名された SCEP メッセージを NDES で検証できませんでした。プロキシがメッセージを書き換えた場合や、デバイスが暗号化に使った RA 証明書とは別の RA 証明書を NDES が使っている場合に発生します。",
        fix: "URL の背後にあるすべての NDES サーバーが同じ RA 証明書を使用していること、途中で要求を書き換えるものがないことを確認し、RA 証明書を更新した後は iisreset を実行してください。",
    },
    Text {
        code: "scep.fail-bad-time",
        title: "NDES が要求を拒否しました: 時刻が範囲外です",
        explanation: "failInfo badTime の CertRep FAILURE です。要求の署名時刻が受け付けられませんでした。通常はデバイスまたはサーバーの時計がずれているか、チャレンジの有効期限が切れています。",
        fix: "デバイスと NDES サーバーの時計を確認し、デバイスを同期して新しいチャレンジを取得してから再試行してください。",
    },
    Text {
        code: "scep.fail-bad-cert-id",
        title: "NDES が要求を拒否しました: 一致する証明書がありません",
        explanation: "failInfo badCertId の CertRep FAILURE です。デバイスが求めた証明書が証明機関に見つかりませんでした (証明機関が把握していない要求に対するポーリング)。",
        fix: "証明機関の [失敗した要求] と [保留中の要求] でこのデバイスの要求を確認し、デバイスを同期して新しい要求を開始させてください。",
    },
    Text {
        code: "scep.pending",
        title: "証明機関が要求を保留しています",
        explanation: "NDES が PENDING を返しました。証明機関は証明書をすぐには発行しませんでした。通常は、テンプレートまたは証明機関で証明書マネージャーの承認が必要になっていることが原因です。デバイスは後で再度ポーリングします。",
        fix: "証明機関のコンソール ([保留中の要求]) で要求を発行するか、SCEP 証明書プロファイルが使用する証明書テンプレートから「CA 証明書マネージャーの許可」を外してください。",
    },
    Text {
        code: "scep.getcacert-only",
        title: "デバイスが GetCACert の後で停止しました",
        explanation: "NDES は GetCACert に応答しましたが、デバイスは GetCACaps を要求しませんでした。NDES が返した証明機関の証明書をデバイスが信頼しなかったためです。典型的には、信頼された証明書プロファイルにルートではなく中間証明書や別のルート証明書が入っている場合や、デバイスが受け付けないアルゴリズムでチェーンが署名されている場合です。",
        fix: "本来のルート証明機関の証明書 (および中間証明書はそれぞれ別の信頼された証明書プロファイルで) を SCEP 証明書プロファイルと同じグループに展開し、証明機関の証明書が SHA-256 RSA で署名されていることを確認してください。",
    },
    Text {
        code: "scep.log-ends-mid-flow",
        title: "ログはエラーなしで「{stage}」の時点で終わっています",
        explanation: "失敗はしていませんが、証明書がインストールされる前にログが終わっています。デバイスがまだ処理中であるか、ログの取得が早すぎたか、ログがローテーションされた可能性があります。",
        fix: "デバイスを同期し、数分待ってからログを再度収集してください。同じステップで止まったままの場合は、フローの次のステップ ({next}) を NDES サーバーと証明機関で確認してください。",
    },
    // --- 認識できない SCEP 行 ---
    Text {
        code: "scep.unrecognized-lines",
        title: "SCEP Doctor が認識できない SCEP 関連の行",
        explanation: "証明書を扱うプロセスが SCEP や証明書について書き込んだ行ですが、既知のシグネチャに一致せず、関連付ける証明書も見つからなかったため、判定には影響していません。",
        fix: "証拠として示した行をログで確認してください。SCEP Doctor がまだ知らない手順やエラーを示している可能性があります。該当する場合は、その文言を報告していただければ認識できるようにします。",
    },
];

/// 汎用の SCEP サーバー (URL に `/certsrv/mscep` がない、クラウドやサード パーティの
/// SCEP サービス) 向けの HTTP 検出結果のテキスト。`findings.rs` の `GENERIC` と対応します。
pub static GENERIC: &[Text] = &[
    Text {
        code: "scep.http-403",
        title: "SCEP サーバーが {operation} に HTTP 403 Forbidden を返しました",
        explanation: "デバイスは {url} のサーバーに到達しましたが、SCEP 要求が拒否されました。サーバーの前段にあるプロキシや Web アプリケーション ファイアウォール、IP アドレスの許可リスト、サービス側のアクセス規則が原因として考えられます。",
        fix: "SCEP サーバーの要求ログ (またはサービスのポータル) でこの要求を確認してください。デバイスのネットワークから SCEP の URL に到達でき、プロキシやファイアウォールがブロックや書き換えをしていないことを確認します。クラウドやサード パーティのサービスでは、そのサービスが求める Intune との連携や許可リストが設定されていることを確認してください。",
    },
    Text {
        code: "scep.http-404",
        title: "SCEP サーバーが {operation} に HTTP 404 Not Found を返しました",
        explanation: "プロファイルの SCEP サーバー URL が SCEP のエンドポイントを指していません。{url} はこのサーバー上に存在しません。",
        fix: "Intune の SCEP 証明書プロファイルの SCEP サーバー URL を、サービスのドキュメントやポータルに示された SCEP の URL (Microsoft Cloud PKI では発行元証明機関の SCEP URI) と 1 文字ずつ比較してください。",
    },
    Text {
        code: "scep.http-414",
        title: "SCEP サーバーが {operation} に HTTP 414 Request-URI Too Long を返しました",
        explanation: "SCEP 要求は URL に含めて送信されますが、その長さがサーバーまたは前段のプロキシの上限を超えています。Intune のチャレンジを含むため、この URL は長くなります。",
        fix: "SCEP サーバーと、その前段のプロキシやファイアウォールで URL とクエリ文字列の長さの上限を引き上げるか、PKIOperation の POST (GetCACaps で通知されます) に対応しているかをサービスのベンダーに確認してください。",
    },
    Text {
        code: "scep.http-500",
        title: "SCEP サーバーが {operation} に HTTP 500 Internal Server Error を返しました",
        explanation: "要求の処理中に SCEP サーバー自体でエラーが発生しました。サーバーの構成、署名用 (RA) 証明書、証明機関との接続のいずれかに問題があるか、サービスが停止しています。",
        fix: "この要求の時刻について、SCEP サーバー自身のログまたは状態ページを確認してください。RA (署名用) 証明書と証明機関の証明書が有効であること、サーバーが証明機関に到達できることを確認します。クラウドやサード パーティのサービスでは、要求の時刻と URL を添えてベンダーに問い合わせてください。",
    },
    Text {
        code: "scep.http-502",
        title: "SCEP サーバーが {operation} に HTTP 502 Bad Gateway を返しました",
        explanation: "デバイスと SCEP サーバーの間にあるプロキシまたはロード バランサーが、背後のサーバーに到達できませんでした。",
        fix: "SCEP サーバーの前段にあるプロキシまたはロード バランサーがサーバーに到達できること (バックエンドのアドレスと正常性プローブ)、SCEP サービスが実行中であることを確認してください。",
    },
    Text {
        code: "scep.http-503",
        title: "SCEP サーバーが {operation} に HTTP 503 Service Unavailable を返しました",
        explanation: "SCEP サービスが停止しているか、過負荷またはメンテナンス中です。または、前段のプロキシに要求を送れる正常なサーバーがありません。",
        fix: "SCEP サービスが実行中であること (状態ページやベンダーのサービス正常性) を確認してから再試行してください。解消しない場合は、前段のプロキシまたはロード バランサーを確認してください。",
    },
    Text {
        code: "scep.http-504",
        title: "SCEP サーバーが {operation} に HTTP 504 Gateway Timeout を返しました",
        explanation: "SCEP サーバーの前段にあるプロキシまたはロード バランサーが、時間内にサーバーから応答を受け取れませんでした。",
        fix: "SCEP サーバーが稼働して応答していること、プロキシのタイムアウトが十分に長いことを確認してください。クラウドやサード パーティのサービスでは、サービスの正常性を確認してください。",
    },
    Text {
        code: "scep.http-error",
        title: "SCEP サーバーが {operation} に HTTP {status} {reason} を返しました",
        explanation: "デバイスは {url} に到達しましたが、応答が 200 OK ではなかったため、SCEP の交換はそこで停止しました。",
        fix: "SCEP サーバーのログ (またはサービスのポータル) でこの要求とステータスを確認してください。SCEP の URL への GetCACert は 200 で証明機関の証明書を返すのが正常です。それ以外の応答は、サーバーまたはその前段のプロキシに問題があることを示します。",
    },
];
