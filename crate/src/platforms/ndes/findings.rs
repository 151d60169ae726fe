//! Findings the NDES server's own logs raise (English in [`TABLE`], Japanese
//! in [`JA`], code for code): IIS statuses of the SCEP application with
//! their documented causes, health probes, the legacy connector's
//! VerifyRequest and Notify, and what to collect when no device shows up.
//! Steps: 2 device ↔ NDES, 3 NDES ↔ policy module (connector), 6 reported
//! to Intune.

use crate::core::model::Severity::{Error, Info, Warning};
use crate::platforms::findings::{Entry, Text};

pub static TABLE: &[Entry] = &[
    Entry {
        code: "ndes.iis-500-impersonate",
        severity: Error,
        step: Some(2),
        title: "NDES answered {operation} with HTTP 500 and Win32 status 1346",
        explanation: "IIS logged sc-win32-status 1346 (\"Either a required impersonation level was not provided, or the provided impersonation level is invalid\"): the IIS_IUSRS group lacks the \"Impersonate a client after authentication\" user right on the NDES server, so the SCEP application cannot run the request.",
        fix: "On the NDES server open Local Security Policy (secpol.msc) > Local Policies > User Rights Assignment, add IIS_IUSRS to \"Impersonate a client after authentication\" (check that a domain Group Policy does not overwrite it), then restart the server.",
    },
    Entry {
        code: "ndes.iis-500",
        severity: Error,
        step: Some(2),
        title: "NDES answered {operation} with HTTP 500 (status {status}, Win32 status {win32})",
        explanation: "The SCEP application failed inside NDES. Documented causes: the NDES service account is locked out or its password expired, the NDES RA certificates (CEP Encryption and Exchange Enrollment Agent (Offline request)) expired, or the root CA's CRL expired.",
        fix: "Check the NDES service account in Active Directory. In the NDES server's computer certificate store renew expired CEP Encryption and Exchange Enrollment Agent (Offline request) certificates, then run iisreset. Make sure the CA's CRLs are valid. The Application log of the NDES server (source NetworkDeviceEnrollmentService) names the error.",
    },
    Entry {
        code: "ndes.iis-503",
        severity: Error,
        step: Some(2),
        title: "NDES answered {operation} with HTTP 503 Service Unavailable",
        explanation: "The SCEP application pool in IIS is stopped or keeps crashing (Application log event 1000 for w3wp.exe). Documented causes: intermediate CA certificates in the NDES server's Trusted Root Certification Authorities store, an unreachable CRL, Windows authentication enabled on CertificateRegistrationSvc, or an expired certificate named by HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP\\Modules\\NDESPolicy\\NDESCertThumbprint.",
        fix: "In IIS Manager > Application Pools start the SCEP pool and watch whether it stops again. Move intermediate certificates from Trusted Root Certification Authorities to Intermediate Certification Authorities, make sure the CRLs are reachable from the NDES server, and renew the certificate of the NDESCertThumbprint value if it expired.",
    },
    Entry {
        code: "ndes.iis-url-too-long",
        severity: Error,
        step: Some(2),
        title: "NDES refused {operation}: the URL is too long (HTTP {status})",
        explanation: "A SCEP request carries its message and the Intune challenge in the URL, and it exceeds the limits of IIS request filtering (404.14 URL too long, 404.15 query string too long) or of HTTP.sys (414).",
        fix: "In IIS Manager > Default Web Site > Request Filtering > Edit Feature Settings set Maximum URL length and Maximum query string to 65534. In HKLM\\SYSTEM\\CurrentControlSet\\Services\\HTTP\\Parameters set the DWORD values MaxFieldLength and MaxRequestBytes to 65534, then restart the server.",
    },
    Entry {
        code: "ndes.iis-403",
        severity: Error,
        step: Some(2),
        title: "NDES refused {operation} with HTTP {status}",
        explanation: "Opening the SCEP URL without an operation should answer 403, but a SCEP operation must not. IIS refused the request itself: request filtering, IP address restrictions, or an authentication setting on the mscep application (the substatus says which).",
        fix: "Look up the substatus in IIS's HTTP status code list, and remove the restriction from /certsrv/mscep in IIS Manager (Request Filtering, IP Address and Domain Restrictions, Authentication: only Anonymous authentication enabled).",
    },
    Entry {
        code: "ndes.iis-error",
        severity: Error,
        step: Some(2),
        title: "NDES answered {operation} with HTTP {status}",
        explanation: "The device reached IIS on the NDES server, but the SCEP request did not get a 200 answer, so the exchange stopped there.",
        fix: "Look up the status and substatus in IIS's HTTP status code list. Browsing to the SCEP URL (https://<server>/certsrv/mscep/mscep.dll) from the device's network should answer 403; any other answer points at the server or the proxy in front of it.",
    },
    Entry {
        code: "ndes.bare-url-200",
        severity: Warning,
        step: Some(3),
        title: "The SCEP URL answers 200 when opened without an operation, not 403",
        explanation: "With the Intune policy module installed, opening https://<server>/certsrv/mscep/mscep.dll answers 403 Forbidden; a 200 is the plain NDES page. The Certificate Connector for Microsoft Intune may not be installed or may not have registered its policy module with NDES.",
        fix: "Open the SCEP URL in a browser on the NDES server: expect HTTP 403. If the default NDES page appears, check the connector's installation (reinstall or repair the Certificate Connector for Microsoft Intune with the SCEP feature) and run iisreset.",
    },
    Entry {
        code: "ndes.probes-answered",
        severity: Info,
        step: Some(2),
        title: "NDES answered health probes",
        explanation: "These requests opened the SCEP URL to check it (the NDES validation script's GetCACaps with message=test, PowerShell, a browser, or a request with no device user agent); they are not device enrollments. NDES answered them.",
        fix: "Nothing to fix here. To follow a device's certificate, add the IIS log of the day the device tried to enroll, and the device's own log.",
    },
    Entry {
        code: "ndes.verify-request-403",
        severity: Error,
        step: Some(3),
        title: "The connector refused the challenge check (VerifyRequest HTTP {status})",
        explanation: "The NDES policy module's call to the legacy connector's CertificateRegistrationSvc was refused with 403: its client authentication certificate is not trusted, typically because intermediate CA certificates sit in the NDES server's Trusted Root Certification Authorities store.",
        fix: "On the NDES server move intermediate CA certificates from Trusted Root Certification Authorities to Intermediate Certification Authorities (certlm.msc), then run iisreset.",
    },
    Entry {
        code: "ndes.verify-request-failed",
        severity: Error,
        step: Some(3),
        title: "The connector's challenge check failed (VerifyRequest HTTP {status})",
        explanation: "The legacy connector's CertificateRegistrationSvc did not verify the challenge. A 500 means its application pool crashed: the Network Service account lacks Write permission on C:\\Windows\\Temp, or the service has a configuration error (System event 5009, ASP.NET event 1310).",
        fix: "Give Network Service Write permission on C:\\Windows\\Temp, check the System and Application logs of the NDES server for events 5009 and 1310, and read CertificateRegistrationPoint_*.svclog and NDESPlugin.log for the request.",
    },
    Entry {
        code: "ndes.notify-failed",
        severity: Error,
        step: Some(6),
        title: "NDES could not report the result to Intune (Notify HTTP {status})",
        explanation: "The certificate request was processed, but the NDES policy module's Notify call to the legacy connector failed, so Intune does not know about the certificate: the device may have it while Intune reports it as not delivered.",
        fix: "Check that the Intune Connector Service runs and that NDESConnector.svclog holds no errors; files stuck in %ProgramFiles%\\Microsoft Intune\\CertificateRequestStatus\\Processing show requests not reported yet.",
    },
    Entry {
        code: "ndes.no-evidence",
        severity: Warning,
        step: Some(2),
        title: "No device enrolled in these server logs",
        explanation: "The NDES server's logs hold no SCEP request from a device (at most health probes and other traffic). Either no device reached NDES in the days these logs cover (the network path, a proxy or the SCEP server URL in the profile stops them), or these are not the days or the server the devices used.",
        fix: "Add the IIS log (%SystemDrive%\\inetpub\\logs\\LogFiles\\W3SVC1\\u_exYYMMDD.log) of the day the device tried to enroll, from every NDES server behind the SCEP URL. From the device's network, browse to the SCEP URL: it should answer 403. If no request is logged, the contact from the device is blocked on the way.",
    },
];

pub static JA: &[Text] = &[
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
        code: "ndes.no-evidence",
        title: "これらのサーバー ログではデバイスの登録がありません",
        explanation: "NDES サーバーのログに、デバイスからの SCEP 要求がありません (正常性チェックやその他の通信のみ)。これらのログの期間にデバイスが NDES に到達しなかった (ネットワーク経路、プロキシ、またはプロファイルの SCEP サーバー URL が原因) か、デバイスが使用した日またはサーバーのログではありません。",
        fix: "デバイスが登録を試みた日の IIS ログ (%SystemDrive%\\inetpub\\logs\\LogFiles\\W3SVC1\\u_exYYMMDD.log) を、SCEP の URL の背後にあるすべての NDES サーバーから追加してください。デバイスと同じネットワークから SCEP の URL をブラウザーで開くと 403 になるのが正常です。要求が記録されていない場合は、デバイスからの通信が途中でブロックされています。",
    },
];
