//! Windows: タイムラインの行 (`LINES`) と検出結果 (`FINDINGS`) の日本語テキスト。
//! コードごとに英語の表 (`rules.rs` の `LINES`、`findings.rs` の `TABLE`) と
//! 対応し、`{name}`・`{#name}` のパラメーターと `[…]` (値がないときは省略) も
//! 同じです。すべてのコードに日本語があることはテストで確認しています。

use crate::platforms::findings::Text;
use crate::platforms::lines::Line;

pub static LINES: &[Line] = &[
    // --- Windows (DMEDP、CertEnroll、CAPI2) ---
    Line { code: "windows.root-in-store", text: "プロファイルが指定する CA 証明書 {thumbprint} は {store} ストアにあります[: {subject}]" },
    Line { code: "windows.certificate-in-store", text: "証明書 {thumbprint} は {store} ストアにあります[: {subject}]" },
    Line { code: "windows.csp-accepted", text: "SCEP プロファイルを受信: ClientCertificateInstall CSP が Enroll を受理[ (インストール先: {location})]" },
    Line { code: "windows.csp-rejected", text: "ClientCertificateInstall CSP が Enroll を拒否: {result}" },
    Line { code: "windows.csp-node-failed", text: "{node} に対する {operation} に失敗: {result}" },
    Line { code: "windows.csp-command-failed", text: "{uri} に対する {csp} の {command} に失敗: {result}" },
    Line { code: "windows.request-generated", text: "キーと CSR を生成 (送信先: {url})" },
    Line { code: "windows.send-failed", text: "{url} への要求の送信に失敗" },
    Line { code: "windows.installed", text: "証明書をインストール" },
    Line { code: "windows.installed-thumbprint", text: "証明書 {thumbprint} をインストール[ (発行元: {server})]" },
    Line { code: "windows.installer-pass", text: "インストーラーの実行: 証明書はまだない" },
    Line { code: "windows.install-failed", text: "証明書のインストールに失敗" },
    Line { code: "windows.reported", text: "結果を Intune に報告 (アラート com.microsoft:mdm.SCEPcertinstall.result)" },
    Line { code: "windows.log-error", text: "SCEP の登録に失敗: {message}" },
    Line { code: "windows.certificate-enroll-failed", text: "証明書の登録に失敗: {result}" },
    Line { code: "windows.capi2-build-chain", text: "証明書チェーンの構築に失敗 (CAPI2 イベント 11): {result}" },
    Line { code: "windows.capi2-chain-policy", text: "証明書チェーンのポリシーの検証に失敗 (CAPI2 イベント 30): {result}" },
    Line { code: "windows.certenroll-failed", text: "SCEP の{#phase}がステージ {enroll_stage} で失敗[、PkiStatus {pki_status}][、FailInfo {fail_info}][、EnrollStatus {enroll_status}][、{reason}]" },
    Line { code: "windows.phase-initialization", text: "初期化" },
    Line { code: "windows.phase-enrollment", text: "登録" },
    Line { code: "windows.registry-settings", text: "レジストリの SCEP プロファイル[ (インストール先: {location})][: サーバー {url}][、CA 拇印 {ca_thumbprint}]" },
    Line { code: "windows.registry-installed", text: "レジストリの状態: 正常に完了 (Status 1)、証明書 {thumbprint}[ (発行元: {server})]" },
    Line { code: "windows.registry-no-certificate", text: "レジストリの状態: 正常に完了 (Status 1) したが証明書の拇印がない (証明書が無効か期限切れ、またはキーが削除された)" },
    Line { code: "windows.registry-pending", text: "レジストリの状態: 保留中 (Status 2)[、再試行 {retry}]" },
    Line { code: "windows.registry-failed", text: "レジストリの状態: 失敗[ (Status {status})][、コード {code}][ {symbol}]" },
    Line { code: "windows.registry-unknown", text: "レジストリの状態: 不明 (Status[ {status}])" },
    Line { code: "windows.with-http-status", text: "{#line} ({hresult}: HTTP {http_status})" },
];

pub static FINDINGS: &[Text] = &[
    // --- Windows ---
    Text {
        code: "windows.root-not-in-machine-store",
        title: "プロファイルが期待するルート証明書がコンピューターの信頼されたルート ストアにありません",
        explanation: "デバイスの SCEP の記録は CA 証明書 {thumbprint} (信頼された証明書プロファイルのルート、SCEP 証明書プロファイルの CA 拇印) を指定していますが、ローカル コンピューターの信頼されたルート証明機関ストアの一覧に、この SHA-1 拇印の証明書がありません。これがないとデバイスは証明機関を信頼せず、SCEP プロファイルを完了できません。",
        fix: "Intune で、NDES が登録先とする証明機関のルート証明書を入れた信頼された証明書プロファイル (Windows: コンピューター証明書ストア - ルート) を SCEP プロファイルと同じグループに展開し、デバイスを同期してください。SCEP 証明書プロファイルがその信頼された証明書プロファイルを参照していること、その拇印が {thumbprint} であることを確認します。証明機関の更新後は新しいルート証明書をアップロードしてください。",
    },
    Text {
        code: "windows.ca-thumbprint-mismatch",
        title: "NDES が返した証明機関がプロファイルの CA 拇印と一致しません ({code} {symbol})",
        explanation: "「ハッシュ値が正しくありません。」: Windows は GetCACert で受け取った CA 証明書を、SCEP 証明書プロファイルの CA 拇印 (ClientCertificateInstall の Install/CAThumbprint。SCEP プロファイルが参照する信頼された証明書プロファイルから取得) と比較します。両者が異なっています。信頼された証明書プロファイルに別のルートや中間証明書が入っているか、証明機関が更新されています。",
        fix: "Intune で SCEP 証明書プロファイルを開き、どの信頼された証明書プロファイルを使っているかを確認してください。NDES が登録先とする証明機関のルート証明書そのもの (中間証明書はそれぞれ別の信頼された証明書プロファイル) を、SCEP プロファイルと同じグループに展開します。証明機関の更新後は新しいルート証明書をアップロードしてください。",
    },
    Text {
        code: "windows.tls-failure",
        title: "SCEP URL への TLS 接続に失敗しました ({code} {symbol})",
        explanation: "「セキュリティ エラーが発生しました」: デバイスが SCEP サーバー URL への HTTPS 接続を確立できませんでした。サーバーの TLS 証明書がデバイスに信頼されていない、名前が一致しない、失効確認ができない、またはエンドポイントが TLS 1.3 のみを提供している (Windows の SCEP クライアントは TLS 1.2 まで) ことが考えられます。",
        fix: "デバイスから SCEP サーバー URL をブラウザーで開き、証明書の警告なしに HTTP 403 が返ることを確認してください。NDES (またはアプリケーション プロキシ) の TLS 証明書がデバイスの信頼するルートにチェーンしていること、その CRL にインターネットから到達できること、エンドポイントで TLS 1.2 が有効であることを確認してください。",
    },
    Text {
        code: "windows.invalid-server-response",
        title: "SCEP サーバーの応答を読み取れませんでした ({code} {symbol})",
        explanation: "「サーバーから無効な応答または認識されない応答が返されました」: デバイスと NDES の間の何かが GetCACaps/GetCACert の HTTP のやり取りを壊しています。多くはエンドポイントでの TLS 再ネゴシエーションやクライアント証明書の要求、または応答を書き換えるプロキシが原因です。",
        fix: "NDES の前段のエンドポイントが /certsrv/mscep/mscep.dll でクライアント証明書を要求したり TLS を再ネゴシエーションしたりしていないこと、応答を書き換えるプロキシやファイアウォールがないことを確認してください。NDES サーバーの IIS ログと比較し、要求が記録されていなければ NDES の手前で経路が壊れています。",
    },
    Text {
        code: "windows.name-not-resolved",
        title: "SCEP サーバー名を解決できませんでした ({code} {symbol})",
        explanation: "SCEP サーバー URL のホスト名が、デバイスのネットワークから DNS で解決できません。",
        fix: "プロファイルの SCEP サーバー URL に入力ミスがないこと、デバイスのある場所からホスト名を解決できること (インターネット上のデバイスでは公開 DNS 名。通常はアプリケーション プロキシの外部 URL) を確認してください。",
    },
    Text {
        code: "windows.cannot-connect",
        title: "デバイスが SCEP サーバーに接続できませんでした ({code} {symbol})",
        explanation: "サーバーは見つかりましたが、接続に失敗したかタイムアウトしました。ファイアウォールが HTTPS をブロックしている、NDES サーバーやアプリケーション プロキシが停止している、または URL が内部専用のアドレスを指していることが考えられます。",
        fix: "デバイスのネットワークから SCEP サーバー URL をブラウザーで開いてください (HTTP 403 が返るはずです)。NDES への TCP 443 を開放するか Microsoft Entra アプリケーション プロキシで公開し、プロキシのコネクタと NDES サーバーが稼働していることを確認してください。",
    },
    Text {
        code: "windows.certrep-attribute-missing",
        title: "SCEP の応答に必要な署名付き属性がありません ({code} {symbol})",
        explanation: "「暗号化メッセージに、予期された認証済み属性が含まれていません。」: サーバーが送った CertRep に、Windows が必要とする属性 (メッセージの種類、状態、ノンス、トランザクション ID) が欠けています。NDES 以外の SCEP サーバーで発生します。",
        fix: "SCEP サーバーを更新または設定し、CertRep に RFC 8894 の認証済み属性がすべて含まれるようにしてください。Windows クライアント向けの設定についてサーバーのドキュメントを確認してください。",
    },
    Text {
        code: "windows.non-printable-string",
        title: "要求のサブジェクトに使用できない文字が含まれています ({code} {symbol})",
        explanation: "「文字列に印刷できない文字が含まれています。」: デバイスが PrintableString としてエンコードする値 (サブジェクト名やチャレンジ) に、その型で使えない文字 (アンダースコアや ASCII 以外の文字など) が含まれています。",
        fix: "SCEP 証明書プロファイルのサブジェクト名の形式と、それが展開される値 (ユーザー名、デバイス名) を確認してください。'_'、'@'、アクセント付き文字などを取り除くか置き換えるか、証明機関が UTF-8 でエンコードする属性を使用してください。",
    },
    Text {
        code: "windows.revocation-offline",
        title: "証明書の失効を確認できませんでした ({code} {symbol})",
        explanation: "失効サーバー (CRL または OCSP) がオフラインでした。SCEP エンドポイントまたは NDES の証明書チェーンに含まれる証明書を確認できませんでした。",
        fix: "証明機関の CRL をデバイスと NDES が到達できる場所 (LDAP だけでなく HTTP) に公開し、有効期限が切れていないことを確認してください。",
    },
    Text {
        code: "windows.object-not-found",
        title: "SCEP クライアントが必要なオブジェクトが見つかりませんでした ({code} {symbol})",
        explanation: "「オブジェクトまたはプロパティが見つかりません。」: クライアントが探した証明書やキーがストアにありませんでした。要求の状態が削除された後や、プロファイルが再割り当てされた後などに起こります。",
        fix: "SCEP 証明書プロファイルの割り当てを解除して再度割り当てる (またはデバイスを再同期する) ことで新しい要求を開始してください。要求の状態は MDM 診断レポートで確認できます。",
    },
    Text {
        code: "windows.untrusted-root",
        title: "証明書チェーンが信頼されていないルートで終わっています ({code} {symbol})",
        explanation: "SCEP のやり取りに含まれる証明書チェーンを、信頼されたルートまで構築できませんでした。証明機関の更新後も NDES の RA 証明書が古い CA 証明書にチェーンしているか、NDES の TLS 証明書または RA 証明書のルートがデバイスにありません。",
        fix: "証明機関を更新した後は、NDES の役割と Intune 証明書コネクタを再インストールし、現在の証明機関から RA 証明書を再発行してください。それ以外の場合は、不足しているルート証明書を信頼された証明書プロファイルで展開してください。どのチェーンで失敗したかは CAPI2 Operational ログ (イベント 30) で確認できます。",
    },
    Text {
        code: "windows.certificate-expired",
        title: "やり取りに含まれる証明書の有効期限が切れています ({code} {symbol})",
        explanation: "必要な証明書が有効期間外です。多くの場合、NDES のクライアント認証証明書や RA 証明書、または SCEP エンドポイントの証明書です。",
        fix: "NDES サーバーで RA 証明書 (CEP Encryption、Exchange Enrollment Agent) とコネクタのクライアント認証証明書を確認し、期限切れのものを更新して iisreset を実行してください。",
    },
    Text {
        code: "windows.key-not-found",
        title: "キー記憶域プロバイダーにキーまたは証明書が見つかりませんでした ({code} {symbol})",
        explanation: "クライアントが、選択されたキー記憶域プロバイダーでキー コンテナーまたは証明書を見つけられませんでした。TPM や Windows Hello for Business のキー記憶域が関係しているか、(サードパーティの証明機関で見られるように) RA 証明書が一致していません。",
        fix: "SCEP 証明書プロファイルのキー記憶域プロバイダーを「トラステッド プラットフォーム モジュール (TPM) KSP に登録 (存在する場合)、それ以外の場合はソフトウェア KSP」に設定し、TPM の準備ができていること (tpm.msc) とサーバーの RA 証明書を確認してください。",
    },
    Text {
        code: "windows.ca-template-not-supported",
        title: "NDES が要求した証明書テンプレートを証明機関が提供していません ({code} {symbol})",
        explanation: "「要求された証明書テンプレートはこの CA でサポートされていません。」: NDES のレジストリ (HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP の SignatureTemplate、EncryptionTemplate、GeneralPurposeTemplate) のテンプレート名が証明機関で発行されていないか、テンプレート名ではなく表示名が設定されています。",
        fix: "発行元の証明機関でテンプレートを発行し、NDES の 3 つのレジストリ値にそのテンプレート名 (表示名ではなく、スペースを含まない名前) を設定してから、NDES サーバーで iisreset を実行してください。",
    },
    Text {
        code: "windows.ca-key-length",
        title: "証明機関が要求を拒否しました: キーがテンプレートに対して短すぎます ({code} {symbol})",
        explanation: "「公開キーが指定された証明書テンプレートで必要な最小サイズを満たしていません。」: SCEP 証明書プロファイルのキー サイズがテンプレートの最小キー サイズより小さいため、ポリシー モジュールが要求を拒否しました。",
        fix: "SCEP 証明書プロファイルのキー サイズをテンプレートの最小値以上 (通常は 2048) にするか、テンプレートの最小キー サイズを下げてください。",
    },
    Text {
        code: "windows.ca-template-denied",
        title: "証明機関がテンプレートへの登録を拒否しました ({code} {symbol})",
        explanation: "証明書テンプレートのアクセス許可で、NDES サービス アカウントの登録が許可されていません。",
        fix: "テンプレートの [セキュリティ] タブで NDES サービス アカウントに「読み取り」と「登録」を許可し、証明機関のサービスを再起動するかテンプレートのキャッシュが更新されるまで待ってください。",
    },
    Text {
        code: "windows.ca-unreachable",
        title: "NDES が証明機関に到達できませんでした ({code} {symbol})",
        explanation: "「RPC サーバーを利用できません。」: NDES (またはコネクタ) が RPC/DCOM で証明機関を呼び出せませんでした。証明機関のサービスが停止している、ファイアウォールが RPC をブロックしている、または DCOM のセキュリティ強化によって呼び出しが拒否されています。",
        fix: "証明機関で Active Directory 証明書サービスが稼働していること、NDES から証明機関への RPC (TCP 135 と動的ポート範囲) が開いていること、NDES サーバーに証明機関と同じ DCOM セキュリティ強化の更新 (KB5004442) が適用されていることを確認してください。",
    },
    Text {
        code: "windows.invalid-parameter",
        title: "SCEP 要求が無効として拒否されました ({code} {symbol})",
        explanation: "「パラメーターが間違っています。」: NDES は RA 証明書を見つけられない、または使用できない場合にこれを返します。デバイス側では、クライアントが受け付けないプロファイルの値を意味することもあります。",
        fix: "NDES サーバーでアプリケーション ログ (NetworkDeviceEnrollmentService のイベント 10) とローカル コンピューターの個人ストアにある RA 証明書を確認してください。そのうえで、SCEP 証明書プロファイルの設定を ClientCertificateInstall CSP の制限と比較してください。",
    },
    Text {
        code: "windows.unspecified-error",
        title: "SCEP のやり取りが原因不明のエラーで失敗しました ({code} {symbol})",
        explanation: "Windows は具体的な理由を示していません。通常はサーバー側に原因が記録されています。",
        fix: "同じ時刻の NDES サーバーの IIS ログとアプリケーション ログ、Intune 証明書コネクタのログ、証明機関の失敗した要求を確認してください。デバイスではアプリケーション ログの CertEnroll イベント 86/87 を確認してください。",
    },
    Text {
        code: "windows.registry-failed",
        title: "レジストリには SCEP 要求が失敗したと記録されています ({code} {symbol})",
        explanation: "レジストリのエクスポートにある要求 {uid} の SCEP クライアントの状態は失敗 (Status 16: ClientCertificateInstall CSP では操作の失敗。または Status のない ErrorCode) で、ErrorCode は {code} ({symbol}) です。SCEP Doctor にはこのコードの個別の説明がありません。デバイスはこのエラーでこの要求を終了しています。",
        fix: "コードを調べてください (scep-doctor explain {code}、ページのコード検索、または任意の Windows マシンで certutil -error {code})。デバイスの DeviceManagement-Enterprise-Diagnostics-Provider の Admin ログ (失敗前後のイベント 306、36、307、32) と、アプリケーション ログの CertEnroll イベント 86/87 を追加してください。失敗した段階がわかります。原因を直したら、デバイスを同期するか、SCEP プロファイルの割り当てを外して割り当て直し、新しい要求を始めてください。",
    },
    Text {
        code: "windows.enroll-failed",
        title: "SCEP 登録に失敗しました: {result}",
        explanation: "Windows の SCEP クライアントが、SCEP Doctor に説明のない結果 ({code}) で失敗を報告しました。",
        fix: "任意の Windows マシンで certutil -error {code} を実行してコードを調べ、同じ時刻の NDES サーバーの IIS ログと Intune 証明書コネクタのログを確認してください。失敗した段階は、デバイスのアプリケーション ログの CertEnroll イベント 86/87 でわかります。",
    },
    Text {
        code: "windows.csp-rejected",
        title: "デバイスが証明書プロファイルを拒否しました ({result})",
        explanation: "ClientCertificateInstall または RootCATrustedCertificates CSP が、プロファイルの {node} の設定を拒否しました。よくある原因: キー使用法にデジタル署名 (0x80) もキーの暗号化 (0x20) も含まれていない、キー サイズが 1024/2048/4096 以外、Windows Hello for Business のキー記憶域で 2048 ビット キー・SHA-256・コンテナー名がそろっていない、証明書のデータが有効でない。",
        fix: "Intune の SCEP 証明書プロファイル (または信頼された証明書プロファイル) を ClientCertificateInstall CSP のドキュメントと照らし合わせて設定を修正し、デバイスを同期してください。デバイスが受け取ったノードの値は MDM 診断レポートで確認できます。",
    },
    Text {
        code: "windows.no-evidence",
        title: "この Windows ログに SCEP のイベントがありません",
        explanation: "ログに Windows の SCEP クライアントのイベント (DeviceManagement-Enterprise-Diagnostics-Provider のイベント 306、36、39、309、32) がありません。プロファイルがデバイスに届いていない (割り当て: SCEP 証明書プロファイルと信頼された証明書プロファイルは同じ種類のグループ (ユーザーまたはデバイス) を対象にする必要があります。またはデバイスが同期していない) か、別のログです。",
        fix: "デバイスでイベント ビューアーを開き、[アプリケーションとサービス ログ] > [Microsoft] > [Windows] > [DeviceManagement-Enterprise-Diagnostics-Provider] > [Admin] を表示します。デバイスを同期し ([設定] > [アカウント] > [職場または学校にアクセスする] > [情報] > [同期])、[すべてのイベントを名前をつけて保存] で .evtx ファイルに保存してください。または MDM 診断レポートを作成し ([職場または学校にアクセスする] > [情報] > [レポートの作成])、そのファイルを追加してください。CertEnroll イベント 86/87 のためにアプリケーション ログも追加してください。",
    },
];
