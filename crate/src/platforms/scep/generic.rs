//! The wording for a SCEP server that is not NDES (a cloud or third-party
//! SCEP service): the timeline lines and findings of the device platforms
//! that name NDES, said of "the SCEP server" with checks that hold for any
//! server. A certificate story decides its server once, from its SCEP URL
//! (`judge::verdict`, [`super::rules::server_kind`]), and marks its lines
//! and findings with the `server: generic` param; rendering then prefers
//! these texts. Same codes and placeholders as the NDES rows; one place, so
//! a test can check every device-side row naming NDES has its variant here.
//! (The HTTP findings' variants are `findings::GENERIC` and `ja::GENERIC`.)

use crate::platforms::findings::Text;
use crate::platforms::lines::Line;

#[rustfmt::skip]
pub static LINES: &[Line] = &[
    Line { code: "scep.get-ca-cert", text: "Asks the SCEP server for the CA certificate (GetCACert) at {url}" },
    Line { code: "scep.get-ca-caps", text: "Asks the SCEP server for its capabilities (GetCACaps) at {url}" },
    Line { code: "scep.ndes-answered", text: "The SCEP server answered {operation}: {status}[ {reason}]" },
    Line { code: "scep.ndes-http-error", text: "The SCEP server answered {operation} with HTTP {status}[ {reason}]" },
    Line { code: "scep.csr-sent", text: "CSR sent to the SCEP server (PKIOperation[ via {method}])" },
    Line { code: "scep.purpose-poll", text: "Asks the SCEP server whether the certificate is issued" },
    Line { code: "scep.issued-received", text: "The SCEP server returned the issued certificate" },
    Line { code: "scep.next-step-2", text: "step 2, the device reaching the SCEP server: check the server's request log" },
    Line { code: "android.cannot-reach-ndes", text: "Could not reach the SCEP server: {message}" },
    Line { code: "android.ra-not-issued-by-ca", text: "The SCEP server's RA certificate does not chain to the CA" },
    Line { code: "android.ca-fingerprint-mismatch", text: "The CA certificate the SCEP server returned does not match the profile's CA thumbprint" },
    Line { code: "android.content-type-mismatch", text: "The SCEP server answered with content type {actual} instead of {expected}" },
    Line { code: "android.response-mismatch", text: "The answer from the SCEP server does not belong to this request: {message}" },
    Line { code: "android.response-replayed", text: "The answer from the SCEP server repeats an earlier nonce" },
    Line { code: "android.response-unverified", text: "The answer from the SCEP server failed signature verification" },
    Line { code: "android.ae-acquire", text: "Requesting the certificate from the SCEP server" },
    Line { code: "android.ae-acquired", text: "Certificate acquired from the SCEP server (CertAcquiredEvent)" },
    Line { code: "ios.getcacert-returned", text: "The SCEP server answered GetCACert: {answer}" },
    Line { code: "ios.getcacaps", text: "CA certificate accepted; asks the SCEP server for its capabilities (GetCACaps)" },
    Line { code: "ios.ra-key-usage", text: "The RA certificates the SCEP server returned have the wrong key usage" },
    Line { code: "ios.url-request-succeeded", text: "The SCEP server answered the request" },
    Line { code: "ios.storing-server-certificates", text: "Stores the CA/RA certificates the SCEP server returned" },
    Line { code: "ios.no-getcacaps", text: "The SCEP server listed no capabilities; the device assumes SHA-1 only" },
    Line { code: "ios.capability", text: "SCEP server capabilities: {capability}" },
    Line { code: "ios.polling", text: "The CA has not issued the certificate yet; the device polls the SCEP server again" },
    Line { code: "ios.mcscep-22005", text: "network error talking to the SCEP server" },
];

#[rustfmt::skip]
pub static LINES_JA: &[Line] = &[
    Line { code: "scep.get-ca-cert", text: "SCEP サーバーに証明機関の証明書を要求 (GetCACert): {url}" },
    Line { code: "scep.get-ca-caps", text: "SCEP サーバーに機能の一覧を要求 (GetCACaps): {url}" },
    Line { code: "scep.ndes-answered", text: "SCEP サーバーの応答 ({operation}): {status}[ {reason}]" },
    Line { code: "scep.ndes-http-error", text: "SCEP サーバーの応答 ({operation}): HTTP {status}[ {reason}]" },
    Line { code: "scep.csr-sent", text: "CSR を SCEP サーバーに送信 (PKIOperation[、{method}])" },
    Line { code: "scep.purpose-poll", text: "証明書が発行されたかを SCEP サーバーに確認" },
    Line { code: "scep.issued-received", text: "SCEP サーバーから発行済みの証明書を受信" },
    Line { code: "scep.next-step-2", text: "ステップ 2 (デバイスから SCEP サーバーへの接続): サーバーの要求ログを確認してください" },
    Line { code: "android.cannot-reach-ndes", text: "SCEP サーバーに接続できない: {message}" },
    Line { code: "android.ra-not-issued-by-ca", text: "SCEP サーバーの RA 証明書がこの証明機関から発行されていない" },
    Line { code: "android.ca-fingerprint-mismatch", text: "SCEP サーバーが返した証明機関の証明書が、プロファイルの証明機関の拇印と一致しない" },
    Line { code: "android.content-type-mismatch", text: "SCEP サーバーの応答のコンテンツ タイプが {expected} ではなく {actual}" },
    Line { code: "android.response-mismatch", text: "SCEP サーバーの応答がこの要求に対応していない: {message}" },
    Line { code: "android.response-replayed", text: "SCEP サーバーの応答が以前の nonce を再利用している" },
    Line { code: "android.response-unverified", text: "SCEP サーバーの応答の署名を検証できない" },
    Line { code: "android.ae-acquire", text: "SCEP サーバーに証明書を要求" },
    Line { code: "android.ae-acquired", text: "SCEP サーバーから証明書を取得 (CertAcquiredEvent)" },
    Line { code: "ios.getcacert-returned", text: "SCEP サーバーの応答 (GetCACert): {answer}" },
    Line { code: "ios.getcacaps", text: "証明機関の証明書を受け入れ、SCEP サーバーに機能の一覧を要求 (GetCACaps)" },
    Line { code: "ios.ra-key-usage", text: "SCEP サーバーが返した RA 証明書のキー使用法が正しくない" },
    Line { code: "ios.url-request-succeeded", text: "SCEP サーバーが要求に応答" },
    Line { code: "ios.storing-server-certificates", text: "SCEP サーバーが返した証明機関と RA の証明書を一時保存" },
    Line { code: "ios.no-getcacaps", text: "SCEP サーバーが機能の一覧を返さないため、デバイスは SHA-1 のみと判断" },
    Line { code: "ios.capability", text: "SCEP サーバーの機能: {capability}" },
    Line { code: "ios.polling", text: "証明機関がまだ証明書を発行していないため、デバイスが SCEP サーバーを再度ポーリング" },
    Line { code: "ios.mcscep-22005", text: "SCEP サーバーとの通信でネットワーク エラー" },
];

/// The non-HTTP findings of the SCEP exchange and the devices (Android,
/// iOS, Windows), said of any SCEP server.
pub static FINDINGS: &[Text] = &[
    Text {
        code: "scep.fail-bad-request",
        title: "The SCEP server rejected the request (CertRep FAILURE, failInfo {fail_info})",
        explanation: "The request reached the SCEP server, but the server or the CA behind it refused it. The usual causes are a challenge the server could not verify with Intune (expired, already used, or the server's Intune integration not working), or a CA policy denial (subject name, key length or certificate template not accepted).",
        fix: "Look up this request in the SCEP server's logs (or the service's portal) for the reason it was refused. Check the server's Intune integration is connected and that the subject name, key size and usage in the SCEP profile are ones the server's CA profile accepts.",
    },
    Text {
        code: "scep.fail-bad-alg",
        title: "The SCEP server rejected the request: unsupported algorithm",
        explanation: "CertRep FAILURE with failInfo badAlg: the SCEP server or its CA does not accept the hash or encryption algorithm the device used.",
        fix: "Check the hash algorithm in the SCEP profile is one the server supports (GetCACaps lists SHA-256/SHA-512), and that its CA accepts it.",
    },
    Text {
        code: "scep.fail-bad-message-check",
        title: "The SCEP server could not verify the request's signature",
        explanation: "CertRep FAILURE with failInfo badMessageCheck: the signed SCEP message did not verify on the server, for example because a proxy changed it or the server used other RA certificates than the device encrypted to.",
        fix: "Make sure nothing between the device and the SCEP server rewrites the request, and that every server behind the URL uses the same RA (signing) certificates; after the server's RA certificate was renewed, check the device received the new one.",
    },
    Text {
        code: "scep.fail-bad-time",
        title: "The SCEP server rejected the request: time out of range",
        explanation: "CertRep FAILURE with failInfo badTime: the request's signing time was not accepted, typically because the device's or the server's clock is wrong, or the challenge had expired.",
        fix: "Check the device's clock (and, for a server you run, the server's), then sync the device to get a fresh challenge and retry.",
    },
    Text {
        code: "scep.fail-bad-cert-id",
        title: "The SCEP server rejected the request: no certificate matches",
        explanation: "CertRep FAILURE with failInfo badCertId: the server found no certificate for what the device asked for (a poll for a request the server or its CA does not know).",
        fix: "Look up the device's request in the SCEP server's logs or portal, then sync the device so it starts a new request.",
    },
    Text {
        code: "scep.pending",
        title: "The CA holds the request as pending",
        explanation: "The SCEP server answered PENDING: the certificate was not issued right away, usually because the server's CA profile requires approval. The device polls again later.",
        fix: "Approve the request in the SCEP server's or CA's console, or turn off manual approval for the profile the Intune SCEP profile uses.",
    },
    Text {
        code: "scep.getcacert-only",
        title: "The device stopped after GetCACert",
        explanation: "The SCEP server answered GetCACert, but the device never asked for GetCACaps. The device did not trust the CA certificate the server returned: typically the trusted certificate profile holds an intermediate instead of the root, the wrong root, or a chain signed with an algorithm the device rejects.",
        fix: "Deploy the root CA certificate of the SCEP server's CA (and intermediates, in their own trusted certificate profiles) to the same group as the SCEP profile, and make sure the CA certificates are signed with SHA-256 RSA.",
    },
    Text {
        code: "scep.log-ends-mid-flow",
        title: "The log ends at \"{stage}\" without an error",
        explanation: "Nothing failed, but the log stops before the certificate was installed. The device may still be working on it, or the log was captured too early or rotated.",
        fix: "Sync the device, wait a few minutes and collect the logs again. If it stays at the same step, check the next step of the flow ({next}) on the SCEP server and its CA.",
    },
    Text {
        code: "android.transport-error",
        title: "The device could not talk to the SCEP server: {message}",
        explanation: "The connection failed before any HTTP answer: the SCEP server's host name did not resolve, the network path is blocked, or the device does not trust the TLS certificate of the SCEP (or proxy) URL.",
        fix: "From the device's network, browse to the SCEP server URL. Check DNS and firewall, and that the server's TLS certificate chains to a root the device trusts (publicly trusted, or deployed with a trusted certificate profile). If the server's request log shows no request at all, the path is blocked before it.",
    },
    Text {
        code: "android.ra-not-issued-by-ca",
        title: "The SCEP server's RA certificate was not issued by the CA",
        explanation: "GetCACert returned an RA (registration authority) certificate that does not chain to the CA certificate, so the device will not send its request.",
        fix: "Check the SCEP server's RA or signing certificate was issued by the CA the profile names; for a cloud or third-party service, check the CA configured in the service and open a case with its vendor if it returns a mismatched chain.",
    },
    Text {
        code: "android.ca-fingerprint-mismatch",
        title: "The CA returned by the SCEP server does not match the trusted certificate profile",
        explanation: "The device checks the CA certificate from GetCACert against the CA thumbprint in its profile. They differ, usually because the trusted certificate profile holds another root or an intermediate, or the CA was renewed.",
        fix: "Download the CA certificate the SCEP server serves (its portal or GetCACert), and deploy exactly that root (and its intermediates) with the trusted certificate profile the SCEP profile references.",
    },
    Text {
        code: "android.content-type-mismatch",
        title: "The SCEP server answered with the wrong content type ({actual})",
        explanation: "The device expected {expected} but got {actual}. Something between the device and the SCEP server returned an HTML page or rewrote the body: a login page, a firewall block page, or a proxy translating URLs in the body.",
        fix: "Browse to the SCEP URL from the device's network and see what page answers; make sure no proxy, firewall or pre-authentication sits in front of the SCEP URL or rewrites its answers.",
    },
    Text {
        code: "android.response-mismatch",
        title: "The answer from the SCEP server does not belong to this request",
        explanation: "The device rejected the SCEP server's answer ({message}): transaction id or nonce did not match, or the signature did not verify. Load balancers that send GetCACert and PKIOperation to different servers, or caching proxies, cause this.",
        fix: "Make every server behind the SCEP URL share the same RA certificates, or pin clients to one server (session affinity); disable caching on any proxy in front of the SCEP server.",
    },
    Text {
        code: "ios.scep-22000",
        title: "The SCEP profile asks for a key usage iOS does not allow (MCSCEPErrorDomain 22000)",
        explanation: "iOS rejected the SCEP payload before contacting the SCEP server: its key usage has bits other than digital signature and key encipherment.",
        fix: "In the Intune SCEP profile set Key usage to Digital signature and/or Key encipherment only, and make sure the SCEP server's certificate profile does not require other key usages. Save, sync the device.",
    },
    Text {
        code: "ios.scep-22002",
        title: "The SCEP server's GetCACert answer is not a valid CA certificate (MCSCEPErrorDomain 22002)",
        explanation: "The SCEP server answered GetCACert with the single-certificate content type, but the body is not a certificate the device can read: a proxy, firewall or login page answered instead of the server, or the server is misconfigured.",
        fix: "Browse to <SCEP URL>?operation=GetCACert from the device's network and check you get a certificate download, not an HTML page. Look the request up in the SCEP server's logs or portal, and check no proxy in front of it rewrites answers.",
    },
    Text {
        code: "ios.scep-22003",
        title: "The Registration Authority's response is invalid (MCSCEPErrorDomain 22003)",
        explanation: "The device got the SCEP server's GetCACert answer (CA and RA certificates) but could not validate it, so it never asked for GetCACaps. With Intune this almost always means trust: the trusted certificate profile holds an intermediate or another root instead of the root of the server's CA, or the root/intermediate is signed with an algorithm iOS rejects (RSASSA-PSS, SHA-1).",
        fix: "Download the root of the CA the SCEP server issues from (its portal or GetCACert) and deploy exactly that certificate with the trusted certificate profile the SCEP profile references (intermediates in their own trusted certificate profiles). If the CA certificates are signed with RSASSA-PSS or SHA-1, the CA needs certificates signed with SHA256RSA.",
    },
    Text {
        code: "ios.scep-22004",
        title: "The SCEP server configuration is not supported (MCSCEPErrorDomain 22004)",
        explanation: "GetCACert gave no CA or RA certificate the device can use, for example an unexpected content type or a chain without usable RA certificates.",
        fix: "Check the SCEP server's RA (signing and encryption) certificates are present and valid in its configuration or portal, and that nothing between the device and the server changes the answer; for a cloud or third-party service, open a case with its vendor.",
    },
    Text {
        code: "ios.scep-22005",
        title: "The device could not reach the SCEP server (MCSCEPErrorDomain 22005)",
        explanation: "The connection to the SCEP server URL failed: DNS, firewall or proxy, an HTTP error from the server or a proxy, or a TLS certificate on the SCEP URL that the device does not trust. The underlying error, when the log gives one: {cause}.",
        fix: "From the device's network, browse to the SCEP server URL of the profile. If an HTTP status is logged, look the request up in the SCEP server's logs or portal. Make sure the URL's TLS certificate chains to a root the device trusts.",
    },
    Text {
        code: "ios.scep-22006",
        title: "The CA does not have the required capability (MCSCEPErrorDomain 22006)",
        explanation: "GetCACaps did not list a hash algorithm the device can use (SHA-512, SHA-256 or SHA-1).",
        fix: "Check GetCACaps from the SCEP server (<SCEP URL>?operation=GetCACaps) lists SHA-256 or SHA-512, and that nothing in front of the server answers in its place.",
    },
    Text {
        code: "ios.scep-22007",
        title: "The SCEP server's answer holds no certificate (MCSCEPErrorDomain 22007)",
        explanation: "The device verified the SCEP server's PKIOperation answer but found no issued certificate in it.",
        fix: "Look the request up in the SCEP server's logs or portal and check its CA issued the certificate, then sync the device.",
    },
    Text {
        code: "ios.scep-22008",
        title: "The issued certificate does not match the device's key (MCSCEPErrorDomain 22008)",
        explanation: "iOS could not pair the issued certificate with the private key it generated, so it could not create the identity. The certificate returned is likely not the one issued for this request (a cache or load balancer mixing answers).",
        fix: "Make sure every server behind the SCEP URL shares the same RA certificates and no proxy caches answers, then sync the device to start a new request.",
    },
    Text {
        code: "ios.scep-22013",
        title: "The SCEP server returned an invalid response (MCSCEPErrorDomain 22013)",
        explanation: "The device sent its certificate request, but the SCEP server's PKIOperation answer did not verify or was not a success. A server answers this way when it rejected the request (the challenge could not be verified with Intune, or its CA refused the subject, key length or profile) and when the answer was signed or encrypted with RA certificates other than the device used.",
        fix: "Look the request up in the SCEP server's logs or portal for the reason it was rejected, and check the server's Intune integration is connected. Then check every server behind the URL uses the same RA certificates.",
    },
    Text {
        code: "ios.ra-key-usage",
        title: "The SCEP server's RA certificates have the wrong key usage",
        explanation: "GetCACert returned a CA and RA chain, but iOS found no RA certificate with the key usage it needs (Security error -67731, \"The key usage is incorrect\"), so it stopped before GetCACaps.",
        fix: "Check the SCEP server's RA certificates: one for encryption (key encipherment) and one for signing (digital signature); for a cloud or third-party service, open a case with its vendor with this error.",
    },
    Text {
        code: "windows.root-not-in-machine-store",
        title: "The root the profile expects is not in the computer's Trusted Root store",
        explanation: "The device's SCEP evidence names the CA certificate {thumbprint} (the trusted certificate profile's root, the SCEP profile's CA thumbprint), but the listing of the local computer's Trusted Root Certification Authorities store holds no certificate with that SHA-1 thumbprint. Without it the device does not trust the CA and the SCEP profile cannot complete.",
        fix: "In Intune, deploy the trusted certificate profile with the root of the CA the SCEP server issues from (Windows: computer certificate store - root), assigned to the same group as the SCEP profile, and sync the device. Check that the SCEP profile references that trusted certificate profile and that its thumbprint is {thumbprint}; after a CA renewal, upload the new root.",
    },
    Text {
        code: "windows.ca-thumbprint-mismatch",
        title: "The CA that the SCEP server returned does not match the profile's CA thumbprint ({code} {symbol})",
        explanation: "\"The hash value is not correct.\": Windows compares the CA certificate from GetCACert with the CA thumbprint in the SCEP profile (ClientCertificateInstall Install/CAThumbprint, taken from the trusted certificate profile the SCEP profile references). They differ: the trusted certificate profile holds another root or an intermediate, or the CA was renewed.",
        fix: "In Intune, open the SCEP profile and check which trusted certificate profile it uses. Deploy exactly the root of the CA the SCEP server issues from (its portal or GetCACert shows it; intermediates in their own trusted certificate profiles), assigned to the same group as the SCEP profile. After a CA renewal, upload the new root.",
    },
    Text {
        code: "windows.tls-failure",
        title: "TLS to the SCEP URL failed ({code} {symbol})",
        explanation: "\"A security error occurred\": the device could not set up HTTPS to the SCEP server URL. The server's TLS certificate is not trusted by the device, its name does not match, its revocation could not be checked, or the endpoint only offers TLS 1.3 (the Windows SCEP client speaks TLS up to 1.2).",
        fix: "From the device, browse to the SCEP server URL: it should answer without a certificate warning. Make sure the server's TLS certificate chains to a root the device trusts and its revocation can be checked, and that the endpoint offers TLS 1.2; for a cloud or third-party service, ask its vendor whether it supports TLS 1.2.",
    },
    Text {
        code: "windows.invalid-server-response",
        title: "The SCEP server's answer could not be read ({code} {symbol})",
        explanation: "\"The server returned an invalid or unrecognized response\": something between the device and the SCEP server broke the HTTP exchange at GetCACaps/GetCACert, typically a TLS renegotiation or client certificate request on the endpoint, or a proxy that rewrites the answer.",
        fix: "Check the SCEP endpoint does not ask for client certificates or renegotiate TLS, and that no proxy or firewall rewrites the response. Look the requests up in the SCEP server's logs or portal: if they are missing there, the path is broken before the server.",
    },
    Text {
        code: "windows.cannot-connect",
        title: "The device could not connect to the SCEP server ({code} {symbol})",
        explanation: "The device found the server but the connection failed or timed out: a firewall blocks HTTPS, the SCEP server or a proxy in front of it is down, or the URL points at an internal-only address.",
        fix: "From the device's network browse to the SCEP server URL. Open outbound HTTPS to it, and check the service (or its status page) and any proxy in front of it are up.",
    },
    Text {
        code: "windows.certrep-attribute-missing",
        title: "The SCEP answer lacks a required signed attribute ({code} {symbol})",
        explanation: "\"The cryptographic message does not contain an expected authenticated attribute.\": the CertRep the server sent misses attributes Windows requires (message type, status, nonces, transaction id). This happens with SCEP servers other than Microsoft's.",
        fix: "Update or configure the SCEP server so its CertRep carries all RFC 8894 authenticated attributes; check its documentation for Windows clients, or open a case with its vendor.",
    },
    Text {
        code: "windows.revocation-offline",
        title: "A certificate's revocation could not be checked ({code} {symbol})",
        explanation: "The revocation server (CRL or OCSP) was offline: a certificate in the chain of the SCEP endpoint or of the server's CA could not be checked.",
        fix: "Make sure the CRL or OCSP addresses in the SCEP server's and its CA's certificates are reachable from devices over HTTP and that the CRLs have not expired; for a cloud or third-party service, check its service health.",
    },
    Text {
        code: "windows.untrusted-root",
        title: "A certificate chain ends at an untrusted root ({code} {symbol})",
        explanation: "A certificate chain in the SCEP exchange could not be built to a trusted root: the root of the SCEP server's TLS or RA certificates is missing on the device, or after a CA renewal the server's RA certificates still chain to the old CA certificate.",
        fix: "Deploy the missing root with a trusted certificate profile. After a CA renewal, check the SCEP server's RA certificates chain to the current CA. The CAPI2 Operational log (event 30) shows which chain failed.",
    },
    Text {
        code: "windows.certificate-expired",
        title: "A certificate in the exchange has expired ({code} {symbol})",
        explanation: "A required certificate is not within its validity period: often the SCEP server's RA or TLS certificate, or a CA certificate in their chains.",
        fix: "Check the validity of the SCEP server's TLS and RA certificates and of its CA certificates, and renew expired ones; for a cloud or third-party service, open a case with its vendor.",
    },
    Text {
        code: "windows.ca-template-not-supported",
        title: "The CA does not offer the certificate template the SCEP server asked for ({code} {symbol})",
        explanation: "\"The requested certificate template is not supported by this CA.\": the template the SCEP server requests is not published on its CA, or a display name was configured instead of the template name.",
        fix: "Publish the template on the issuing CA and configure its template name (not the display name) in the SCEP server's settings.",
    },
    Text {
        code: "windows.ca-template-denied",
        title: "The CA denied enrollment for the template ({code} {symbol})",
        explanation: "The permissions on the certificate template do not allow the SCEP server's account to enroll.",
        fix: "On the template's Security tab give the account the SCEP server enrolls with Read and Enroll, then restart the CA service or wait for the template cache to refresh.",
    },
    Text {
        code: "windows.ca-unreachable",
        title: "The SCEP server could not reach the CA ({code} {symbol})",
        explanation: "\"The RPC server is unavailable.\": the SCEP server could not call its CA over RPC/DCOM: the CA service is stopped, a firewall blocks RPC, or DCOM hardening rejects the call.",
        fix: "Check the CA's service runs, that RPC (TCP 135 and the dynamic range) is open from the SCEP server to the CA, and that both have matching DCOM hardening updates (KB5004442).",
    },
    Text {
        code: "windows.invalid-parameter",
        title: "The SCEP request was refused as invalid ({code} {symbol})",
        explanation: "\"The parameter is incorrect.\": a SCEP server reports this when it cannot find or use its RA certificates; on the device it can also mean a profile value the client does not accept.",
        fix: "Check the SCEP server's logs or portal and its RA certificates; then compare the SCEP profile's settings with the ClientCertificateInstall CSP limits.",
    },
    Text {
        code: "windows.unspecified-error",
        title: "The SCEP exchange failed with an unspecified error ({code} {symbol})",
        explanation: "Windows gave no specific reason. The server side usually has it.",
        fix: "Look at the same moment in the SCEP server's logs or portal and its CA's failed requests; on the device, check CertEnroll events 86/87 in the Application log.",
    },
    Text {
        code: "windows.enroll-failed",
        title: "SCEP enrollment failed: {result}",
        explanation: "The Windows SCEP client reported a failure with a result ({code}) that SCEP Doctor has no explanation for.",
        fix: "Look up the code (certutil -error {code} on any Windows machine), and check the same moment in the SCEP server's logs or portal. CertEnroll events 86/87 in the device's Application log give the stage that failed.",
    },
];

pub static FINDINGS_JA: &[Text] = &[
    Text {
        code: "scep.fail-bad-request",
        title: "SCEP サーバーが要求を拒否しました (CertRep FAILURE、failInfo {fail_info})",
        explanation: "要求は SCEP サーバーに届きましたが、サーバーまたはその背後の証明機関が拒否しました。主な原因は、サーバーが Intune でチャレンジを検証できなかったこと (期限切れ、使用済み、サーバーの Intune 連携が動作していない) か、証明機関のポリシーによる拒否 (サブジェクト名、キー長、証明書テンプレートが受け入れられない) です。",
        fix: "SCEP サーバーのログ (またはサービスのポータル) でこの要求が拒否された理由を確認してください。サーバーの Intune 連携が接続されていること、SCEP プロファイルのサブジェクト名、キー サイズ、キー使用法がサーバーの証明機関プロファイルで受け入れられることを確認してください。",
    },
    Text {
        code: "scep.fail-bad-alg",
        title: "SCEP サーバーが要求を拒否しました: サポートされていないアルゴリズム",
        explanation: "CertRep FAILURE (failInfo badAlg): デバイスが使ったハッシュまたは暗号化のアルゴリズムを SCEP サーバーまたはその証明機関が受け入れません。",
        fix: "SCEP プロファイルのハッシュ アルゴリズムがサーバーでサポートされていること (GetCACaps に SHA-256/SHA-512 が表示される) と、証明機関が受け入れることを確認してください。",
    },
    Text {
        code: "scep.fail-bad-message-check",
        title: "SCEP サーバーが要求の署名を検証できませんでした",
        explanation: "CertRep FAILURE (failInfo badMessageCheck): 署名された SCEP メッセージをサーバーで検証できませんでした。プロキシがメッセージを変更した、またはデバイスが暗号化に使ったものと異なる RA 証明書をサーバーが使った、などが原因です。",
        fix: "デバイスと SCEP サーバーの間で要求を書き換えるものがないこと、URL の背後のすべてのサーバーが同じ RA (署名) 証明書を使っていることを確認してください。サーバーの RA 証明書を更新した後は、デバイスが新しい証明書を受け取ったことを確認してください。",
    },
    Text {
        code: "scep.fail-bad-time",
        title: "SCEP サーバーが要求を拒否しました: 時刻が範囲外",
        explanation: "CertRep FAILURE (failInfo badTime): 要求の署名時刻が受け入れられませんでした。通常はデバイスまたはサーバーの時計のずれか、チャレンジの期限切れが原因です。",
        fix: "デバイスの時計 (自社で運用するサーバーならサーバーの時計も) を確認し、デバイスを同期して新しいチャレンジを取得してから再試行してください。",
    },
    Text {
        code: "scep.fail-bad-cert-id",
        title: "SCEP サーバーが要求を拒否しました: 一致する証明書がない",
        explanation: "CertRep FAILURE (failInfo badCertId): デバイスが求めた証明書がサーバーで見つかりませんでした (サーバーまたは証明機関が知らない要求のポーリング)。",
        fix: "SCEP サーバーのログまたはポータルでデバイスの要求を確認し、デバイスを同期して新しい要求を開始させてください。",
    },
    Text {
        code: "scep.pending",
        title: "証明機関が要求を保留しています",
        explanation: "SCEP サーバーが PENDING を返しました: 証明書はすぐには発行されませんでした。通常はサーバーの証明機関プロファイルで承認が必要なためです。デバイスは後で再度ポーリングします。",
        fix: "SCEP サーバーまたは証明機関のコンソールで要求を承認するか、Intune の SCEP プロファイルが使うプロファイルで手動承認を無効にしてください。",
    },
    Text {
        code: "scep.getcacert-only",
        title: "デバイスが GetCACert の後で停止しました",
        explanation: "SCEP サーバーは GetCACert に応答しましたが、デバイスは GetCACaps を要求しませんでした。デバイスはサーバーが返した証明機関の証明書を信頼しませんでした。通常、信頼済み証明書プロファイルにルートではなく中間証明書や別のルートが入っているか、デバイスが拒否するアルゴリズムで署名されたチェーンです。",
        fix: "SCEP サーバーの証明機関のルート証明書 (中間証明書はそれぞれ別の信頼済み証明書プロファイルで) を SCEP プロファイルと同じグループに展開し、証明機関の証明書が SHA-256 RSA で署名されていることを確認してください。",
    },
    Text {
        code: "scep.log-ends-mid-flow",
        title: "ログはエラーなしで「{stage}」で終わっています",
        explanation: "失敗はありませんが、証明書がインストールされる前にログが終わっています。デバイスがまだ処理中か、ログの収集が早すぎたか、ログがローテーションされました。",
        fix: "デバイスを同期し、数分待ってからもう一度ログを収集してください。同じステップで止まる場合は、フローの次のステップ ({next}) を SCEP サーバーとその証明機関で確認してください。",
    },
    Text {
        code: "android.transport-error",
        title: "デバイスが SCEP サーバーと通信できませんでした: {message}",
        explanation: "HTTP の応答より前に接続が失敗しました: SCEP サーバーのホスト名を解決できない、ネットワーク経路がブロックされている、またはデバイスが SCEP (またはプロキシ) URL の TLS 証明書を信頼していません。",
        fix: "デバイスのネットワークから SCEP サーバーの URL を開いてください。DNS とファイアウォール、サーバーの TLS 証明書がデバイスの信頼するルート (公的に信頼されたもの、または信頼済み証明書プロファイルで展開したもの) にチェーンすることを確認してください。サーバーの要求ログに要求がまったくない場合、経路はサーバーの手前でブロックされています。",
    },
    Text {
        code: "android.ra-not-issued-by-ca",
        title: "SCEP サーバーの RA 証明書がこの証明機関から発行されていません",
        explanation: "GetCACert が返した RA (登録機関) 証明書が証明機関の証明書にチェーンしないため、デバイスは要求を送信しません。",
        fix: "SCEP サーバーの RA または署名証明書が、プロファイルの指定する証明機関から発行されていることを確認してください。クラウドやサードパーティのサービスでは、サービスに設定した証明機関を確認し、チェーンが一致しない場合はベンダーに問い合わせてください。",
    },
    Text {
        code: "android.ca-fingerprint-mismatch",
        title: "SCEP サーバーが返した証明機関が信頼済み証明書プロファイルと一致しません",
        explanation: "デバイスは GetCACert の証明機関の証明書をプロファイルの証明機関の拇印と照合します。これが異なります。通常、信頼済み証明書プロファイルに別のルートや中間証明書が入っているか、証明機関が更新されたためです。",
        fix: "SCEP サーバーが提供する証明機関の証明書 (ポータルまたは GetCACert) を取得し、SCEP プロファイルが参照する信頼済み証明書プロファイルでそのルート (と中間証明書) をそのまま展開してください。",
    },
    Text {
        code: "android.content-type-mismatch",
        title: "SCEP サーバーの応答のコンテンツ タイプが正しくありません ({actual})",
        explanation: "デバイスは {expected} を期待しましたが {actual} を受け取りました。デバイスと SCEP サーバーの間の何かが HTML ページを返したか本文を書き換えました: サインイン ページ、ファイアウォールのブロック ページ、本文内の URL を変換するプロキシなどです。",
        fix: "デバイスのネットワークから SCEP URL を開き、どのページが応答するかを確認してください。SCEP URL の前にプロキシ、ファイアウォール、事前認証がなく、応答を書き換えていないことを確認してください。",
    },
    Text {
        code: "android.response-mismatch",
        title: "SCEP サーバーの応答がこの要求に対応していません",
        explanation: "デバイスは SCEP サーバーの応答を拒否しました ({message}): トランザクション ID または nonce が一致しないか、署名を検証できませんでした。GetCACert と PKIOperation を別のサーバーに送るロード バランサーや、キャッシュするプロキシが原因になります。",
        fix: "SCEP URL の背後のすべてのサーバーで同じ RA 証明書を使うか、クライアントを 1 台のサーバーに固定してください (セッション アフィニティ)。SCEP サーバーの前のプロキシではキャッシュを無効にしてください。",
    },
    Text {
        code: "ios.scep-22000",
        title: "SCEP 証明書プロファイルのキー使用法が iOS で許可されていません (MCSCEPErrorDomain 22000)",
        explanation: "iOS は SCEP サーバーに接続する前に SCEP ペイロードを拒否しました: キー使用法にデジタル署名とキーの暗号化以外のビットが含まれています。",
        fix: "Intune の SCEP プロファイルでキー使用法をデジタル署名とキーの暗号化のみにし、SCEP サーバーの証明書プロファイルが他のキー使用法を要求しないことを確認してください。保存してデバイスを同期してください。",
    },
    Text {
        code: "ios.scep-22002",
        title: "SCEP サーバーの GetCACert の応答が有効な証明機関の証明書ではありません (MCSCEPErrorDomain 22002)",
        explanation: "SCEP サーバーは GetCACert に単一証明書のコンテンツ タイプで応答しましたが、本文はデバイスが読める証明書ではありません: サーバーの代わりにプロキシ、ファイアウォール、サインイン ページが応答したか、サーバーの構成に誤りがあります。",
        fix: "デバイスのネットワークから <SCEP URL>?operation=GetCACert を開き、HTML ページではなく証明書がダウンロードされることを確認してください。SCEP サーバーのログまたはポータルで要求を確認し、その前のプロキシが応答を書き換えていないことを確認してください。",
    },
    Text {
        code: "ios.scep-22003",
        title: "登録機関 (RA) の応答が無効です (MCSCEPErrorDomain 22003)",
        explanation: "デバイスは SCEP サーバーの GetCACert の応答 (証明機関と RA の証明書) を受け取りましたが検証できず、GetCACaps を要求しませんでした。Intune ではほぼ常に信頼の問題です: 信頼済み証明書プロファイルにサーバーの証明機関のルートではなく中間証明書や別のルートが入っているか、ルートや中間証明書が iOS の拒否するアルゴリズム (RSASSA-PSS、SHA-1) で署名されています。",
        fix: "SCEP サーバーが発行に使う証明機関のルート (ポータルまたは GetCACert) を取得し、SCEP プロファイルが参照する信頼済み証明書プロファイルでその証明書をそのまま展開してください (中間証明書はそれぞれ別の信頼済み証明書プロファイルで)。証明機関の証明書が RSASSA-PSS または SHA-1 で署名されている場合は、SHA256RSA で署名された証明書が必要です。",
    },
    Text {
        code: "ios.scep-22004",
        title: "SCEP サーバーの構成がサポートされていません (MCSCEPErrorDomain 22004)",
        explanation: "GetCACert の応答に、デバイスが使える証明機関または RA の証明書がありませんでした。例えば予期しないコンテンツ タイプや、使える RA 証明書のないチェーンです。",
        fix: "SCEP サーバーの RA (署名と暗号化) 証明書が構成またはポータルにあり有効であること、デバイスとサーバーの間で応答を変えるものがないことを確認してください。クラウドやサードパーティのサービスではベンダーに問い合わせてください。",
    },
    Text {
        code: "ios.scep-22005",
        title: "デバイスが SCEP サーバーに到達できませんでした (MCSCEPErrorDomain 22005)",
        explanation: "SCEP サーバーの URL への接続が失敗しました: DNS、ファイアウォールやプロキシ、サーバーまたはプロキシからの HTTP エラー、またはデバイスが信頼しない SCEP URL の TLS 証明書が原因です。ログにある基になるエラー: {cause}。",
        fix: "デバイスのネットワークからプロファイルの SCEP サーバーの URL を開いてください。HTTP ステータスが記録されている場合は、SCEP サーバーのログまたはポータルで要求を確認してください。URL の TLS 証明書がデバイスの信頼するルートにチェーンすることを確認してください。",
    },
    Text {
        code: "ios.scep-22006",
        title: "証明機関に必要な機能がありません (MCSCEPErrorDomain 22006)",
        explanation: "GetCACaps に、デバイスが使えるハッシュ アルゴリズム (SHA-512、SHA-256、SHA-1) がありませんでした。",
        fix: "SCEP サーバーの GetCACaps (<SCEP URL>?operation=GetCACaps) に SHA-256 または SHA-512 があること、サーバーの前で別のものが代わりに応答していないことを確認してください。",
    },
    Text {
        code: "ios.scep-22007",
        title: "SCEP サーバーの応答に証明書が含まれていません (MCSCEPErrorDomain 22007)",
        explanation: "デバイスは SCEP サーバーの PKIOperation の応答を検証しましたが、発行された証明書が含まれていませんでした。",
        fix: "SCEP サーバーのログまたはポータルで要求を確認し、証明機関が証明書を発行したことを確認してから、デバイスを同期してください。",
    },
    Text {
        code: "ios.scep-22008",
        title: "発行された証明書がデバイスのキーと一致しません (MCSCEPErrorDomain 22008)",
        explanation: "iOS は発行された証明書を生成した秘密キーと組み合わせられず、ID を作成できませんでした。返された証明書はこの要求に対して発行されたものではない可能性があります (キャッシュやロード バランサーによる応答の混在)。",
        fix: "SCEP URL の背後のすべてのサーバーが同じ RA 証明書を使い、応答をキャッシュするプロキシがないことを確認してから、デバイスを同期して新しい要求を開始してください。",
    },
    Text {
        code: "ios.scep-22013",
        title: "SCEP サーバーが無効な応答を返しました (MCSCEPErrorDomain 22013)",
        explanation: "デバイスは証明書の要求を送信しましたが、SCEP サーバーの PKIOperation の応答を検証できないか、成功ではありませんでした。サーバーが要求を拒否した場合 (Intune でチャレンジを検証できない、証明機関がサブジェクト、キー長、プロファイルを拒否した) や、デバイスが使ったものと異なる RA 証明書で応答が署名または暗号化された場合にこうなります。",
        fix: "SCEP サーバーのログまたはポータルで要求が拒否された理由を確認し、サーバーの Intune 連携が接続されていることを確認してください。次に URL の背後のすべてのサーバーが同じ RA 証明書を使っていることを確認してください。",
    },
    Text {
        code: "ios.ra-key-usage",
        title: "SCEP サーバーの RA 証明書のキー使用法が正しくありません",
        explanation: "GetCACert は証明機関と RA のチェーンを返しましたが、iOS は必要なキー使用法を持つ RA 証明書を見つけられず (Security エラー -67731「The key usage is incorrect」)、GetCACaps の前で停止しました。",
        fix: "SCEP サーバーの RA 証明書を確認してください: 暗号化用 (キーの暗号化) と署名用 (デジタル署名) の証明書が必要です。クラウドやサードパーティのサービスでは、このエラーを添えてベンダーに問い合わせてください。",
    },
    Text {
        code: "windows.root-not-in-machine-store",
        title: "プロファイルが必要とするルートがコンピューターの信頼されたルート ストアにありません",
        explanation: "デバイスの SCEP の記録は証明機関の証明書 {thumbprint} (信頼済み証明書プロファイルのルート、SCEP プロファイルの証明機関の拇印) を示していますが、ローカル コンピューターの信頼されたルート証明機関ストアの一覧に、その SHA-1 拇印の証明書がありません。これがないとデバイスは証明機関を信頼せず、SCEP プロファイルは完了できません。",
        fix: "Intune で、SCEP サーバーが発行に使う証明機関のルートを含む信頼済み証明書プロファイル (Windows: コンピューター証明書ストア - ルート) を SCEP プロファイルと同じグループに割り当て、デバイスを同期してください。SCEP プロファイルがその信頼済み証明書プロファイルを参照し、拇印が {thumbprint} であることを確認してください。証明機関を更新した後は新しいルートをアップロードしてください。",
    },
    Text {
        code: "windows.ca-thumbprint-mismatch",
        title: "SCEP サーバーが返した証明機関がプロファイルの証明機関の拇印と一致しません ({code} {symbol})",
        explanation: "「The hash value is not correct.」: Windows は GetCACert の証明機関の証明書を SCEP プロファイルの証明機関の拇印 (ClientCertificateInstall Install/CAThumbprint、SCEP プロファイルが参照する信頼済み証明書プロファイルから取得) と比較します。これが異なります: 信頼済み証明書プロファイルに別のルートや中間証明書が入っているか、証明機関が更新されました。",
        fix: "Intune で SCEP プロファイルを開き、使っている信頼済み証明書プロファイルを確認してください。SCEP サーバーが発行に使う証明機関のルート (ポータルまたは GetCACert で確認できます。中間証明書はそれぞれ別の信頼済み証明書プロファイルで) をそのまま SCEP プロファイルと同じグループに展開してください。証明機関を更新した後は新しいルートをアップロードしてください。",
    },
    Text {
        code: "windows.tls-failure",
        title: "SCEP URL への TLS 接続に失敗しました ({code} {symbol})",
        explanation: "「A security error occurred」: デバイスは SCEP サーバーの URL への HTTPS 接続を確立できませんでした。サーバーの TLS 証明書をデバイスが信頼していない、名前が一致しない、失効を確認できない、またはエンドポイントが TLS 1.3 のみを提供しています (Windows の SCEP クライアントは TLS 1.2 まで)。",
        fix: "デバイスから SCEP サーバーの URL を開き、証明書の警告なしに応答することを確認してください。サーバーの TLS 証明書がデバイスの信頼するルートにチェーンし失効を確認できること、エンドポイントが TLS 1.2 を提供していることを確認してください。クラウドやサードパーティのサービスでは、TLS 1.2 をサポートしているかベンダーに確認してください。",
    },
    Text {
        code: "windows.invalid-server-response",
        title: "SCEP サーバーの応答を読み取れませんでした ({code} {symbol})",
        explanation: "「The server returned an invalid or unrecognized response」: デバイスと SCEP サーバーの間の何かが GetCACaps/GetCACert の HTTP のやり取りを壊しました。通常はエンドポイントでの TLS の再ネゴシエーションやクライアント証明書の要求、または応答を書き換えるプロキシです。",
        fix: "SCEP エンドポイントがクライアント証明書を要求したり TLS を再ネゴシエーションしたりしないこと、プロキシやファイアウォールが応答を書き換えていないことを確認してください。SCEP サーバーのログまたはポータルで要求を確認し、そこにない場合はサーバーの手前で経路が壊れています。",
    },
    Text {
        code: "windows.cannot-connect",
        title: "デバイスが SCEP サーバーに接続できませんでした ({code} {symbol})",
        explanation: "デバイスはサーバーを見つけましたが、接続が失敗またはタイムアウトしました: ファイアウォールが HTTPS をブロックしている、SCEP サーバーまたはその前のプロキシが停止している、または URL が内部専用のアドレスを指しています。",
        fix: "デバイスのネットワークから SCEP サーバーの URL を開いてください。そこへの送信 HTTPS を許可し、サービス (またはその状態ページ) と前のプロキシが稼働していることを確認してください。",
    },
    Text {
        code: "windows.certrep-attribute-missing",
        title: "SCEP の応答に必要な署名付き属性がありません ({code} {symbol})",
        explanation: "「The cryptographic message does not contain an expected authenticated attribute.」: サーバーが送った CertRep に、Windows が必要とする属性 (メッセージ タイプ、ステータス、nonce、トランザクション ID) がありません。Microsoft 以外の SCEP サーバーで起こります。",
        fix: "CertRep に RFC 8894 のすべての認証属性を含めるよう SCEP サーバーを更新または構成してください。Windows クライアント向けのドキュメントを確認するか、ベンダーに問い合わせてください。",
    },
    Text {
        code: "windows.revocation-offline",
        title: "証明書の失効を確認できませんでした ({code} {symbol})",
        explanation: "失効確認のサーバー (CRL または OCSP) がオフラインでした: SCEP エンドポイントまたはサーバーの証明機関のチェーン内の証明書を確認できませんでした。",
        fix: "SCEP サーバーとその証明機関の証明書にある CRL または OCSP のアドレスにデバイスから HTTP で到達でき、CRL が期限切れでないことを確認してください。クラウドやサードパーティのサービスでは、サービスの正常性を確認してください。",
    },
    Text {
        code: "windows.untrusted-root",
        title: "証明書チェーンが信頼されていないルートで終わっています ({code} {symbol})",
        explanation: "SCEP のやり取りの証明書チェーンを信頼されたルートまで構築できませんでした: SCEP サーバーの TLS または RA 証明書のルートがデバイスにないか、証明機関の更新後もサーバーの RA 証明書が古い証明機関の証明書にチェーンしています。",
        fix: "不足しているルートを信頼済み証明書プロファイルで展開してください。証明機関を更新した後は、SCEP サーバーの RA 証明書が現在の証明機関にチェーンすることを確認してください。CAPI2 の Operational ログ (イベント 30) にどのチェーンが失敗したかが示されます。",
    },
    Text {
        code: "windows.certificate-expired",
        title: "やり取りの中の証明書が期限切れです ({code} {symbol})",
        explanation: "必要な証明書が有効期間内にありません: 多くは SCEP サーバーの RA または TLS 証明書、あるいはそのチェーン内の証明機関の証明書です。",
        fix: "SCEP サーバーの TLS と RA の証明書、証明機関の証明書の有効期間を確認し、期限切れのものを更新してください。クラウドやサードパーティのサービスでは、ベンダーに問い合わせてください。",
    },
    Text {
        code: "windows.ca-template-not-supported",
        title: "SCEP サーバーが要求した証明書テンプレートを証明機関が提供していません ({code} {symbol})",
        explanation: "「The requested certificate template is not supported by this CA.」: SCEP サーバーが要求するテンプレートが証明機関で発行されていないか、テンプレート名の代わりに表示名が構成されています。",
        fix: "発行元の証明機関でテンプレートを発行し、SCEP サーバーの設定に (表示名ではなく) テンプレート名を構成してください。",
    },
    Text {
        code: "windows.ca-template-denied",
        title: "証明機関がこのテンプレートでの登録を拒否しました ({code} {symbol})",
        explanation: "証明書テンプレートのアクセス許可で、SCEP サーバーのアカウントの登録が許可されていません。",
        fix: "テンプレートの [セキュリティ] タブで、SCEP サーバーが登録に使うアカウントに読み取りと登録を許可し、証明機関のサービスを再起動するかテンプレートのキャッシュの更新を待ってください。",
    },
    Text {
        code: "windows.ca-unreachable",
        title: "SCEP サーバーが証明機関に到達できませんでした ({code} {symbol})",
        explanation: "「The RPC server is unavailable.」: SCEP サーバーが RPC/DCOM で証明機関を呼び出せませんでした: 証明機関のサービスが停止している、ファイアウォールが RPC をブロックしている、または DCOM のセキュリティ強化が呼び出しを拒否しています。",
        fix: "証明機関のサービスが稼働していること、SCEP サーバーから証明機関への RPC (TCP 135 と動的範囲) が開いていること、両方に対応する DCOM のセキュリティ強化の更新 (KB5004442) があることを確認してください。",
    },
    Text {
        code: "windows.invalid-parameter",
        title: "SCEP の要求が無効として拒否されました ({code} {symbol})",
        explanation: "「The parameter is incorrect.」: SCEP サーバーは RA 証明書を見つけられないか使えないときにこれを報告します。デバイス側では、クライアントが受け付けないプロファイルの値を意味することもあります。",
        fix: "SCEP サーバーのログまたはポータルと RA 証明書を確認してください。次に SCEP プロファイルの設定を ClientCertificateInstall CSP の制限と比較してください。",
    },
    Text {
        code: "windows.unspecified-error",
        title: "SCEP のやり取りが原因不明のエラーで失敗しました ({code} {symbol})",
        explanation: "Windows は具体的な理由を示していません。通常はサーバー側に記録があります。",
        fix: "同じ時刻の SCEP サーバーのログまたはポータルと、証明機関の失敗した要求を確認してください。デバイスでは、アプリケーション ログの CertEnroll イベント 86/87 を確認してください。",
    },
    Text {
        code: "windows.enroll-failed",
        title: "SCEP の登録に失敗しました: {result}",
        explanation: "Windows の SCEP クライアントが、SCEP Doctor に説明のない結果 ({code}) で失敗を報告しました。",
        fix: "コードを調べ (任意の Windows で certutil -error {code})、同じ時刻の SCEP サーバーのログまたはポータルを確認してください。デバイスのアプリケーション ログの CertEnroll イベント 86/87 に失敗した段階が示されます。",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::lang::Lang;
    use crate::platforms::{android, ios, lines, scep, windows};
    use std::collections::BTreeSet;

    fn placeholders(s: &str) -> BTreeSet<&str> {
        crate::text::template::placeholders(s).into_iter().collect()
    }

    /// Every device-side timeline line naming NDES has its generic wording,
    /// in both languages, with the same placeholders and no NDES left.
    #[test]
    fn every_device_line_naming_ndes_has_a_generic_variant() {
        let tables = [
            scep::rules::LINES,
            android::rules::LINES,
            android::enterprise::LINES,
            ios::rules::LINES,
        ];
        for l in tables.iter().flat_map(|t| t.iter()) {
            if !l.text.contains("NDES") {
                continue;
            }
            for lang in Lang::ALL {
                let Some(g) = lines::generic_text(lang, l.code) else {
                    panic!("{} has no generic line in {}", l.code, lang.as_str());
                };
                assert!(!g.contains("NDES"), "{} generic names NDES", l.code);
                assert_eq!(placeholders(g), placeholders(l.text), "{}", l.code);
            }
        }
        for l in LINES.iter().chain(LINES_JA) {
            assert!(
                lines::is_code(l.code),
                "generic line for unknown {}",
                l.code
            );
        }
    }

    /// Every finding of the SCEP exchange and the devices that names NDES has
    /// its generic wording (the HTTP ones in `findings::GENERIC`).
    #[test]
    fn every_device_finding_naming_ndes_has_a_generic_variant() {
        let tables = [
            scep::findings::TABLE,
            android::findings::TABLE,
            ios::findings::TABLE,
            windows::findings::TABLE,
        ];
        for e in tables.iter().flat_map(|t| t.iter()) {
            let text = format!("{}{}{}", e.title, e.explanation, e.fix);
            if !text.contains("NDES") {
                continue;
            }
            for lang in Lang::ALL {
                assert!(
                    crate::platforms::findings::generic_texts(lang, e.code).is_some(),
                    "{} has no generic text in {}",
                    e.code,
                    lang.as_str()
                );
            }
        }
    }
}
