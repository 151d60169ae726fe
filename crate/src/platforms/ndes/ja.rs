//! NDES サーバー: タイムラインの行 (`LINES`) と検出結果 (`FINDINGS`) の日本語
//! テキスト。コードごとに英語の表 (`rules.rs` の `LINES`、`findings.rs` の
//! `TABLE`) と対応し、`{name}`・`{#name}` のパラメーターと `[…]` (値がない
//! ときは省略) も同じです。すべてのコードに日本語があることはテストで確認して
//! います。用語は Microsoft の日本語ドキュメントに合わせています。

use crate::platforms::findings::Text;
use crate::platforms::lines::Line;

pub static LINES: &[Line] = &[
    Line { code: "ndes.answered", text: "NDES が {#client}からの {operation} に応答: HTTP {status}" },
    Line { code: "ndes.http-error", text: "NDES が {#client}からの {operation} に HTTP {status} を返しました[ (Win32 状態 {win32})]" },
    Line { code: "ndes.pki-operation", text: "NDES が {#client}からの PKIOperation ({method}) に応答: HTTP {status}[、メッセージ {message_type}][、トランザクション {transaction}][、RA 証明書 (発行者 {issuer}[、シリアル番号 {serial}]) 宛てに暗号化][ {#cut}]" },
    Line { code: "ndes.pki-operation-rejected", text: "NDES が {#client}からの PKIOperation ({method}) に HTTP {status} で応答しましたが、その前のチャレンジの検証に失敗しているため、応答は要求の拒否です[、メッセージ {message_type}][、トランザクション {transaction}]" },
    Line { code: "ndes.pki-operation-not-reported", text: "NDES が {#client}からの PKIOperation ({method}) に HTTP {status} で応答しました: 証明書は発行されましたが、Intune に通知されていません[、メッセージ {message_type}][、トランザクション {transaction}]" },
    Line { code: "ndes.probe", text: "正常性チェックが SCEP の URL を開きました ({operation}): HTTP {status}" },
    Line { code: "ndes.verify-request", text: "NDES ポリシー モジュールがコネクタにチャレンジの検証を要求 (VerifyRequest): HTTP {status}" },
    Line { code: "ndes.notify", text: "NDES ポリシー モジュールがコネクタ経由で結果を Intune に報告 (Notify): HTTP {status}" },
    Line { code: "ndes.connector-received", text: "証明書コネクタが SCEP 要求を受信 (イベント {id})" },
    Line { code: "ndes.connector-verified", text: "コネクタが Intune で要求を検証 (イベント {id})" },
    Line { code: "ndes.connector-verify-failure", text: "コネクタが Intune で要求を検証できませんでした (イベント {id})" },
    Line { code: "ndes.connector-issued", text: "証明機関がコネクタ経由で証明書を発行 (イベント {id})" },
    Line { code: "ndes.connector-issue-failure", text: "コネクタが証明機関から証明書を発行してもらえませんでした (イベント {id})" },
    Line { code: "ndes.connector-notified", text: "コネクタが証明書を Intune に報告 (イベント {id})" },
    Line { code: "ndes.connector-processed", text: "コネクタが SCEP 要求を処理して Intune に通知 (イベント {id})" },
    Line { code: "ndes.connector-notify-retry", text: "コネクタはまだ Intune に通知できず、再試行します (イベント {id})" },
    Line { code: "ndes.connector-not-reported", text: "要求は処理されましたが、コネクタが Intune に通知できませんでした (イベント {id})" },
    Line { code: "ndes.connector-request-failure", text: "コネクタが SCEP 要求の処理に失敗し、Intune に通知しました (イベント {id})" },
    Line { code: "ndes.connector-revoke-failure", text: "コネクタが証明書を失効できませんでした (イベント {id}、SCEP ではありません)" },
    Line { code: "ndes.connector-pkcs-failure", text: "コネクタで PKCS 証明書の要求が失敗しました (イベント {id}、SCEP ではありません)" },
    Line { code: "ndes.server-event", text: "NDES のイベント {id}[: {error}]" },
    Line { code: "ndes.scep-pool-ended", text: "SCEP アプリケーション プールのワーカー プロセスが予期せず終了[ (終了コード {detail})]" },
    Line { code: "ndes.w3wp-crashed", text: "IIS のワーカー プロセス (w3wp.exe) がクラッシュ[: {detail}]" },
    Line { code: "ndes.aspnet-compilation", text: "ASP.NET が登録ポイントのページをコンパイルできない (イベント コード 3007)" },
    Line { code: "ndes.client-windows", text: "Windows デバイス" },
    Line { code: "ndes.client-android", text: "Android デバイス" },
    Line { code: "ndes.client-apple", text: "Apple デバイス" },
    Line { code: "ndes.client-other", text: "クライアント" },
];

pub static FINDINGS: &[Text] = &[
    Text {
        code: "ndes.iis-500-impersonate",
        title: "NDES が {operation} に HTTP 500 を返しました (Win32 状態 1346)",
        explanation: "IIS ログの sc-win32-status が 1346 です。NDES サーバーで IIS_IUSRS グループに「認証後にクライアントを偽装」のユーザー権利がないため、SCEP アプリケーションが要求を処理できません。",
        fix: "NDES サーバーでローカル セキュリティ ポリシー (secpol.msc) の [ローカル ポリシー] > [ユーザー権利の割り当て] を開き、「認証後にクライアントを偽装」に IIS_IUSRS を追加してから (ドメインのグループ ポリシーで上書きされていないことも確認)、サーバーを再起動してください。",
    },
    Text {
        code: "ndes.iis-500",
        title: "NDES が {operation} に HTTP 500 を返しました (状態 {status}、Win32 状態 {win32})",
        explanation: "NDES 内で SCEP アプリケーションがエラーになりました。ドキュメントにある原因: NDES サービス アカウントがロックされているかパスワードの有効期限が切れている、NDES の RA 証明書 (CEP 暗号化と Exchange 登録エージェント (オフライン要求)) の有効期限が切れている、ルート証明機関の CRL の有効期限が切れている。",
        fix: "Active Directory で NDES サービス アカウントを確認してください。NDES サーバーのコンピューターの証明書ストアで期限切れの CEP 暗号化と Exchange 登録エージェント (オフライン要求) の証明書を更新し、iisreset を実行します。証明機関の CRL が有効であることも確認してください。NDES サーバーのアプリケーション ログ (ソース NetworkDeviceEnrollmentService) にエラーの内容が記録されます。",
    },
    Text {
        code: "ndes.iis-503",
        title: "NDES が {operation} に HTTP 503 Service Unavailable を返しました",
        explanation: "IIS の SCEP アプリケーション プールが停止しているか、クラッシュを繰り返しています (アプリケーション ログのイベント 1000、w3wp.exe)。ドキュメントにある原因: NDES サーバーの信頼されたルート証明機関ストアに中間証明機関の証明書がある、CRL に到達できない、CertificateRegistrationSvc で Windows 認証が有効になっている、HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\Modules\\NDESPolicy\\NDESCertThumbprint が示す証明書の有効期限が切れている。",
        fix: "IIS マネージャーの [アプリケーション プール] で SCEP プールを開始し、再び停止しないかを確認してください。中間証明書を信頼されたルート証明機関から中間証明機関に移動し、NDES サーバーから CRL に到達できることを確認します。NDESCertThumbprint の証明書の有効期限が切れている場合は更新してください。",
    },
    Text {
        code: "ndes.iis-url-too-long",
        title: "NDES が {operation} を拒否しました: URL が長すぎます (HTTP {status})",
        explanation: "SCEP 要求はメッセージと Intune のチャレンジを URL に含めて送信されますが、その長さが IIS の要求フィルタリングの上限 (404.14 は URL、404.15 はクエリ文字列) または HTTP.sys の上限 (414) を超えています。",
        fix: "IIS マネージャーで [Default Web Site] > [要求フィルタリング] > [機能設定の編集] を開き、URL の最大長とクエリ文字列の最大長を 65534 に設定してください。さらに HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters に DWORD 値 MaxFieldLength と MaxRequestBytes を 65534 で設定し、サーバーを再起動します。",
    },
    Text {
        code: "ndes.iis-403",
        title: "NDES が {operation} を HTTP {status} で拒否しました",
        explanation: "操作を指定せずに SCEP の URL を開いた場合は 403 が正常ですが、SCEP の操作で 403 になってはいけません。IIS 自体が要求を拒否しています: 要求フィルタリング、IP アドレスの制限、または mscep アプリケーションの認証設定が原因です (サブステータスで区別できます)。",
        fix: "IIS の HTTP 状態コードの一覧でサブステータスを確認し、IIS マネージャーで /certsrv/mscep の制限 (要求フィルタリング、IP アドレスおよびドメインの制限、認証: 匿名認証のみを有効にする) を解除してください。",
    },
    Text {
        code: "ndes.iis-error",
        title: "NDES が {operation} に HTTP {status} を返しました",
        explanation: "デバイスは NDES サーバーの IIS に到達しましたが、SCEP 要求への応答が 200 ではなかったため、交換はそこで停止しました。",
        fix: "IIS の HTTP 状態コードの一覧でステータスとサブステータスを確認してください。デバイスと同じネットワークから SCEP の URL (https://<server>/certsrv/mscep/mscep.dll) をブラウザーで開くと 403 になるのが正常です。それ以外の応答は、サーバーまたはその前段のプロキシに問題があることを示します。",
    },
    Text {
        code: "ndes.bare-url-200",
        title: "操作を指定せずに開いた SCEP の URL が 403 ではなく 200 を返しています",
        explanation: "Intune のポリシー モジュールがインストールされていれば、https://<server>/certsrv/mscep/mscep.dll を開くと 403 Forbidden が返ります。200 は通常の NDES のページです。Microsoft Intune 用証明書コネクタがインストールされていないか、ポリシー モジュールが NDES に登録されていない可能性があります。",
        fix: "NDES サーバーのブラウザーで SCEP の URL を開き、HTTP 403 になることを確認してください。既定の NDES のページが表示される場合は、コネクタのインストール (SCEP の機能を含めて Microsoft Intune 用証明書コネクタを再インストールまたは修復) を確認し、iisreset を実行します。",
    },
    Text {
        code: "ndes.probes-answered",
        title: "NDES が正常性チェックに応答しました",
        explanation: "これらの要求は SCEP の URL を確認するためのもので (NDES 検証スクリプトの message=test の GetCACaps、PowerShell、ブラウザー、デバイスのユーザー エージェントがない要求)、デバイスの登録ではありません。NDES はこれらに応答しています。",
        fix: "ここで対処することはありません。デバイスの証明書を追跡するには、デバイスが登録を試みた日の IIS ログと、デバイス自体のログを追加してください。",
    },
    Text {
        code: "ndes.verify-request-403",
        title: "コネクタがチャレンジの検証を拒否しました (VerifyRequest HTTP {status})",
        explanation: "NDES ポリシー モジュールから従来のコネクタの CertificateRegistrationSvc への呼び出しが 403 で拒否されました。クライアント認証証明書が信頼されていません。多くの場合、NDES サーバーの信頼されたルート証明機関ストアに中間証明機関の証明書があることが原因です。",
        fix: "NDES サーバーで (certlm.msc) 中間証明機関の証明書を信頼されたルート証明機関から中間証明機関に移動し、iisreset を実行してください。",
    },
    Text {
        code: "ndes.verify-request-failed",
        title: "コネクタでのチャレンジの検証に失敗しました (VerifyRequest HTTP {status})",
        explanation: "従来のコネクタの CertificateRegistrationSvc がチャレンジを検証できませんでした。500 はアプリケーション プールのクラッシュを示します: Network Service アカウントに C:\\Windows\\Temp への書き込みのアクセス許可がないか、サービスの構成エラーです (システム イベント 5009、ASP.NET イベント 1310)。",
        fix: "Network Service に C:\\Windows\\Temp への書き込みのアクセス許可を付与し、NDES サーバーのシステム ログとアプリケーション ログでイベント 5009 と 1310 を確認してください。要求の詳細は CertificateRegistrationPoint_*.svclog と NDESPlugin.log で確認できます。",
    },
    Text {
        code: "ndes.notify-failed",
        title: "NDES が結果を Intune に報告できませんでした (Notify HTTP {status})",
        explanation: "証明書の要求は処理されましたが、NDES ポリシー モジュールから従来のコネクタへの Notify の呼び出しが失敗したため、Intune はこの証明書を把握していません。デバイスには証明書があっても、Intune では配信されていないと報告される可能性があります。",
        fix: "Intune Connector Service が実行中であり、NDESConnector.svclog にエラーがないことを確認してください。%ProgramFiles%\\Microsoft Intune\\CertificateRequestStatus\\Processing に残っているファイルは、まだ報告されていない要求です。",
    },
    Text {
        code: "ndes.connector-verify-failed",
        title: "証明書コネクタが SCEP 要求を検証できませんでした (イベント 4005)",
        explanation: "コネクタは証明機関に要求する前に、各要求のチャレンジを Intune で確認します。これに失敗しました: チャレンジの有効期限が切れた (デバイスに時間がかかった、またはサーバーで要求が待たされた)、既に使用されている、デバイスまたはプロファイルが対象外になった、またはコネクタが Intune に接続できない、のいずれかです。",
        fix: "このイベント前後のコネクタの Operational ログで理由を確認し、コネクタがサインインして Intune に接続できること (コネクタの UI で状態を確認、プロキシの設定) を確認してください。デバイスを同期すると新しいチャレンジを取得します。",
    },
    Text {
        code: "ndes.connector-issue-failed",
        title: "証明機関が証明書を発行しませんでした (コネクタのイベント 4007)",
        explanation: "要求の検証は成功しましたが、証明機関が拒否したか到達できませんでした: テンプレートが発行されていないか NDES のアカウントに登録のアクセス許可がない、サブジェクトやキーがテンプレートと一致しない、または証明機関の RPC エンドポイントに到達できない (0x800706ba)。",
        fix: "この時刻の証明機関の [失敗した要求] (certsrv.msc) で要求の処理メッセージを確認し、プロファイルのテンプレートと NDES のレジストリ (HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP)、コネクタのアカウントが登録できることを確認してください。",
    },
    Text {
        code: "ndes.connector-notify-failed",
        title: "処理されましたが Intune に通知されていません (コネクタのイベント 4002、4009、4010)",
        explanation: "証明書は発行されましたが、コネクタがそれを Intune に報告できませんでした。デバイスには証明書があるのに、Intune ではプロファイルが失敗または保留中と表示される可能性があります (配信済みだが未報告)。",
        fix: "コネクタが Intune に接続できること (プロキシ、サインイン、PFXCertificateConnectorSvc サービスの実行) と、Operational ログのエラーを確認してください。接続が回復すると報告が再送されます。",
    },
    Text {
        code: "ndes.connector-request-failed",
        title: "コネクタが SCEP 要求の処理に失敗しました (イベント 4001)",
        explanation: "コネクタの Admin ログには要求ごとに 1 つのイベントが記録されます。この要求は失敗し、Intune に通知されました。どのステップで失敗したかは Operational ログ (4005: 検証、4007: 発行) でわかります。",
        fix: "同じ時刻のコネクタの Operational ログ (Microsoft-Intune-CertificateConnectors%4Operational.evtx) を追加して失敗したステップを確認し、証明機関の [失敗した要求] も確認してください。",
    },
    Text {
        code: "ndes.connector-revoke-failed",
        title: "コネクタが証明書を失効できませんでした (イベント 3001、SCEP ではありません)",
        explanation: "イベント 3001 は失効の失敗です。デバイスの提供終了やプロファイルの削除の際に Intune はコネクタに発行済み証明書の失効を依頼しますが、証明機関が拒否したか到達できませんでした。SCEP 証明書の配信とは関係ありません。",
        fix: "コネクタのアカウントに証明機関の [証明書の発行と管理] のアクセス許可があり、イベントに記録された証明機関に到達できることを確認してください。SCEP の配信を調べるには、コネクタの Operational ログと NDES サーバーの IIS ログを追加してください。",
    },
    Text {
        code: "ndes.connector-pkcs-failed",
        title: "コネクタで PKCS 証明書の要求が失敗しました (SCEP ではありません)",
        explanation: "イベント 1001、1201、2001 は、同じコネクタが処理する PKCS 証明書とインポートした PKCS 証明書のものです。SCEP 証明書の配信とは関係ありません。",
        fix: "これらのイベントは PKCS のトラブルシューティングに従って対処してください。SCEP の配信を調べるには、コネクタの Operational ログと NDES サーバーの IIS ログを追加してください。",
    },
    Text {
        code: "ndes.event-service-not-started",
        title: "ネットワーク デバイス登録サービスを開始できませんでした (イベント {id})",
        explanation: "NDES を開始できないことが記録されています ({error})。この状態ではすべての SCEP 要求が失敗します。主な原因: RA 証明書がないか期限切れ、MSCEP のレジストリ設定が不完全、またはサービス アカウントでログオンできない。",
        fix: "NDES サービス アカウント (パスワード、サービスとしてログオン) と、コンピューターの証明書ストアの RA 証明書 (CEP 暗号化と Exchange 登録エージェント (オフライン要求))、HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP を確認し、iisreset を実行してからイベント 1 (開始) が記録されることを確認してください。",
    },
    Text {
        code: "ndes.event-template-permission",
        title: "NDES が証明書テンプレートで登録できません (イベント {id})",
        explanation: "NDES サービス アカウントに構成された証明書テンプレートの登録のアクセス許可がないか、証明機関がそのテンプレートに基づく証明書を発行できるように構成されていません ({error})。",
        fix: "HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP に記載されたテンプレート (SignatureTemplate、EncryptionTemplate、GeneralPurposeTemplate) で NDES サービス アカウントに読み取りと登録を許可し、証明機関でテンプレートを発行してください (certsrv.msc > [証明書テンプレート] > [新規作成] > [発行する証明書テンプレート])。",
    },
    Text {
        code: "ndes.event-ca-certs-failed",
        title: "NDES が証明機関の証明書を返せませんでした (イベント {id})",
        explanation: "サーバー側で GetCACert が失敗しています ({error})。NDES が証明機関の証明書と RA 証明書を読み取れませんでした。",
        fix: "NDES サーバーのコンピューターの証明書ストアで RA 証明書 (CEP 暗号化、Exchange 登録エージェント (オフライン要求)) が有効で、秘密キーがあり、構成された証明機関から発行されていることを確認してください。必要に応じて更新し、iisreset を実行します。",
    },
    Text {
        code: "ndes.event-scep-pool-ended",
        title: "NDES サーバーの SCEP アプリケーション プールのプロセスが異常終了しました (WAS 5009)",
        explanation: "SCEP アプリケーション プールのワーカー プロセスが予期せず終了しました。繰り返すと IIS はプールを停止し、デバイスには HTTP 503 が返ります。文書化された原因: NDES サーバーの [信頼されたルート証明機関] ストアにある中間 CA 証明書、到達できない CRL、CertificateRegistrationSvc で有効な Windows 認証、NDESPolicy の証明書の期限切れ。",
        fix: "IIS マネージャー > アプリケーション プールで SCEP プールを開始し、再び停止しないか確認してください。中間証明書を [中間証明機関] に移し、NDES サーバーから CRL に到達できることを確認し、NDESCertThumbprint の値が示す証明書が期限切れなら更新してください。",
    },
    Text {
        code: "ndes.event-w3wp-crashed",
        title: "NDES サーバーで IIS のワーカー プロセス (w3wp.exe) がクラッシュしました (イベント 1000)",
        explanation: "Application Error 1000 が w3wp.exe を示しています。クラッシュが続くと SCEP アプリケーション プールが停止し、デバイスには HTTP 503 が返ります。文書化された原因: [信頼されたルート証明機関] ストアにある中間 CA 証明書、到達できない CRL、CertificateRegistrationSvc で有効な Windows 認証、NDESPolicy の証明書の期限切れ。",
        fix: "中間証明書を [中間証明機関] に移し、NDES サーバーから CRL に到達できることを確認し、CertificateRegistrationSvc の認証設定と HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\Modules\\NDESPolicy\\NDESCertThumbprint の証明書を確認してから、SCEP プールを開始してください。",
    },
    Text {
        code: "ndes.event-aspnet-compilation",
        title: "ASP.NET が証明書登録ポイントのページをコンパイルできませんでした (イベント 1310、コード 3007)",
        explanation: "従来の Intune コネクタの証明書登録ポイント (CertificateRegistrationSvc) が動作できないため、チャレンジの検証要求が HTTP 500 で失敗します。",
        fix: "イベントの詳細 (コンパイルできなかったファイルとコンパイラのメッセージ) を読み、登録ポイントのファイルと必要な .NET の機能がそろうようにコネクタを修復または再インストールしてから、iisreset を実行してください。",
    },
    Text {
        code: "ndes.event-ra-certificate",
        title: "NDES が必要な証明書の 1 つを取得できません (イベント {id})",
        explanation: "RA 証明書がないか有効ではありません ({error})。証明書要求エージェントの EKU、署名用または暗号化用のキー使用法、構成された証明機関へのチェーン、秘密キーが必要です。または MSCEP のレジストリが不整合です (0x80070002: EnforcePassword などの値がない)。",
        fix: "構成された証明機関から CEP 暗号化と Exchange 登録エージェント (オフライン要求) の証明書をコンピューターの証明書ストアに更新し、HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP を正常な構成と比較してから iisreset を実行してください。",
    },
    Text {
        code: "ndes.event-client-message",
        title: "NDES がデバイスの SCEP メッセージを読み取れませんでした (イベント {id})",
        explanation: "NDES が HTTP メッセージをデコードできない、トランザクション ID・メッセージの種類・署名証明書を取得できない、または復号できませんでした ({error})。別の RA 証明書 (同じ URL の背後にある別の NDES サーバーのもの、またはデバイスが取得した後に更新された RA 証明書) 宛てに暗号化されたメッセージは復号できません。",
        fix: "SCEP の URL の背後にあるすべての NDES サーバーが有効な RA 証明書を持ち、GetCACert でそれを返すことを確認してください。RA 証明書を更新した後は iisreset を実行し、デバイスに再試行させます。",
    },
    Text {
        code: "ndes.event-submit-failed",
        title: "NDES が証明書の要求を証明機関に送信できません (イベント {id})",
        explanation: "証明機関が要求を受け付けませんでした ({error})。ドキュメントにある原因: テンプレートが証明機関でサポートされていない (0x80094800。レジストリのテンプレート名がキー使用法と一致しない)、キーが短すぎる、証明機関の RPC サーバーを利用できない (0x800706ba)、失効確認がオフライン、サブジェクト名が無効または長すぎる。",
        fix: "証明機関の [失敗した要求] で要求の処理メッセージを確認し、HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP のテンプレート名 (デジタル署名は SignatureTemplate、キーの暗号化は EncryptionTemplate、両方は GeneralPurposeTemplate)、テンプレートが証明機関で発行されていること、NDES から RPC/DCOM で証明機関に到達できることを確認してください。",
    },
    Text {
        code: "ndes.no-evidence",
        title: "これらのサーバー ログではデバイスの登録がありません",
        explanation: "NDES サーバーのログに、デバイスからの SCEP 要求がありません (正常性チェックやその他の通信のみ)。これらのログの期間にデバイスが NDES に到達しなかった (ネットワーク経路、プロキシ、またはプロファイルの SCEP サーバー URL が原因) か、デバイスが使用した日またはサーバーのログではありません。",
        fix: "デバイスが登録を試みた日の IIS ログ (%SystemDrive%\\inetpub\\logs\\LogFiles\\W3SVC1\\u_exYYMMDD.log) を、SCEP の URL の背後にあるすべての NDES サーバーから追加してください。デバイスと同じネットワークから SCEP の URL をブラウザーで開くと 403 になるのが正常です。要求が記録されていない場合は、デバイスからの通信が途中でブロックされています。",
    },
];
