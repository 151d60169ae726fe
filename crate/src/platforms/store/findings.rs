//! Findings store listings and certificate files raise (Japanese in
//! [`super::ja`]): the checks of the Microsoft article's step 5 (the root in
//! the local computer's Trusted Root with Issued To = Issued By; the SCEP
//! certificate in Personal with its private key and Client Authentication),
//! an intermediate offered as a root, and a certificate that does not decode.

use crate::core::model::Severity::{Error, Info, Warning};
use crate::platforms::findings::Entry;

pub static TABLE: &[Entry] = &[
    Entry {
        code: "store.root-not-self-signed",
        severity: Error,
        step: Some(5),
        title: "The certificate in Trusted Root is not a root",
        explanation: "A certificate in Trusted Root Certification Authorities has Issued To {subject} but Issued By {issuer}. A root certificate is issued by itself (Issued To = Issued By): this one is an intermediate (issuing) CA certificate, so the chain of the SCEP certificate does not end at a trusted root and NDES and the device do not trust the CA.",
        fix: "Export the root certificate itself (the top of the chain: in certmgr.msc open the SCEP certificate > Certification Path, select the top certificate, View Certificate > Details > Copy to File) and use it in the Intune trusted certificate profile assigned to the same group as the SCEP profile. Put an intermediate in Intermediate Certification Authorities, not in Trusted Root.",
    },
    Entry {
        code: "store.root-in-user-store",
        severity: Warning,
        step: Some(5),
        title: "The root is only in the current user's Trusted Root store",
        explanation: "The root certificate {subject} was listed from the current user's Trusted Root Certification Authorities. The article checks the local computer's store (Certificates (Local Computer) > Trusted Root Certification Authorities), where the Intune trusted certificate profile puts the root for device-wide trust.",
        fix: "Check certmgr.msc > Certificates (Local Computer) > Trusted Root Certification Authorities > Certificates, or run certutil -store Root (without -user). If the root is missing there, assign the Intune trusted certificate profile (Windows, computer certificate store - root) to the device's group and sync the device.",
    },
    Entry {
        code: "store.no-private-key",
        severity: Error,
        step: Some(5),
        title: "The certificate in Personal has no private key",
        explanation: "The certificate {subject} (thumbprint {thumbprint}) is in the Personal store but no private key goes with it (certutil: Missing stored keyset or No key provider information; PowerShell: HasPrivateKey False). Wi-Fi, VPN and other clients cannot authenticate with it.",
        fix: "Delete the certificate from the store and let the device request it again (sync the device, or remove and reassign the SCEP profile). If it comes back without a key, check the SCEP profile's key storage provider (TPM or software KSP) and that the device's TPM is ready; a certificate imported from a .cer file never has a key.",
    },
    Entry {
        code: "store.no-client-auth",
        severity: Error,
        step: Some(5),
        title: "The certificate lacks the Client Authentication usage",
        explanation: "The certificate {subject} has enhanced key usages {eku} but not Client Authentication (1.3.6.1.5.5.7.3.2). Wi-Fi, VPN and other certificate-based sign-ins look for Client Authentication and do not offer this certificate.",
        fix: "In Intune, add Client Authentication to the SCEP profile's Extended key usage; on the CA, make sure the SCEP certificate template's Application Policies include Client Authentication. Devices get a new certificate at their next check-in.",
    },
    Entry {
        code: "store.intermediate-file",
        severity: Warning,
        step: Some(1),
        title: "This CA certificate is an intermediate, not a root",
        explanation: "The certificate file holds the CA certificate {subject}, issued by {issuer}: it is an intermediate (issuing) CA, not a root (a root has Issued To = Issued By). A trusted certificate profile built from it does not make the device trust the chain, and a SCEP profile whose root certificate is this one does not match the root the device has.",
        fix: "Export the root CA certificate (the top of the certification path) and use it in the Intune trusted certificate profile that the SCEP profile names as its root certificate. Deploy the intermediate too, as its own trusted certificate profile (intermediate store), if the devices need it.",
    },
    Entry {
        code: "store.damaged-certificate",
        severity: Warning,
        step: None,
        title: "A certificate block does not decode",
        explanation: "A Base-64 block in the file is not a certificate or a PKCS #7 bundle that can be read: it was cut short or changed while copying.",
        fix: "Export the certificate again (certmgr.msc > certificate > Details > Copy to File, DER or Base-64), and add the file as it was written, without editing it.",
    },
    Entry {
        code: "store.no-evidence",
        severity: Info,
        step: Some(5),
        title: "No certificate in this listing",
        explanation: "The store listing or certificate file was read, but it holds no certificate: the store is empty, or the listing is of another store than the one the certificate goes to.",
        fix: "List the stores the article checks: certutil -store Root (Trusted Root of the local computer) and certutil -user -store My (Personal of the current user; run it as the user, not as SYSTEM), or Get-ChildItem Cert:\\LocalMachine\\Root and Cert:\\CurrentUser\\My | Format-List *.",
    },
    // Raised by the cross-source pass (`judge::join`).
    Entry {
        code: "store.issuer-not-in-stores",
        severity: Warning,
        step: Some(5),
        title: "The certificate in Personal was issued by a CA not in the listed root or intermediate stores",
        explanation: "The certificate {subject} (thumbprint {thumbprint}) in the Personal store was issued by {issuer}, but none of the certificates in the listed Trusted Root or Intermediate Certification Authorities stores, or of the CA certificate files added beside them, is its issuer (compared by key identifier when the certificate names its issuer's key and the CA certificate carries its own, else by subject: a CA of the same name with another key, such as a renewed CA, is not its issuer). It was issued by a different CA than the trusted root the device holds (or by an intermediate that is not installed), so its chain does not build and Wi-Fi, VPN and other servers may reject it.",
        fix: "Compare the certificate's Issued By with the root in the Intune trusted certificate profile: the SCEP profile must reference the trusted certificate profile of the CA that NDES enrolls against, and intermediates need their own trusted certificate profiles, assigned to the same group. If an intermediate issued it, also list the Intermediate Certification Authorities store (certutil -store CA) and check it is there.",
    },
    Entry {
        code: "store.expired-at-log-time",
        severity: Error,
        step: Some(5),
        title: "The certificate had expired when the device logged it",
        explanation: "The certificate {subject} (thumbprint {thumbprint}) is valid until {not_after} (UTC), and the device line that names it was written at {time}, after that. An expired certificate is not offered for Wi-Fi, VPN or other sign-ins, and a root that has expired no longer makes the device trust the CA.",
        fix: "For a SCEP certificate: check the SCEP profile's certificate validity period and renewal threshold, and let the device request a new certificate (sync, or remove and reassign the profile). For a root: renew the CA certificate, upload the new root to the trusted certificate profile and point the SCEP profile at it.",
    },
    Entry {
        code: "store.not-yet-valid-at-log-time",
        severity: Error,
        step: Some(5),
        title: "The certificate was not yet valid when the device logged it: a clock is off",
        explanation: "The certificate {subject} (thumbprint {thumbprint}) is valid from {not_before} (UTC), but the device line that names it was written at {time}, before that. A certificate the device holds cannot start after the device saw it, so a clock is wrong: the device's clock (it is behind) or the CA's clock (it is ahead, and it dated the certificate in the future).",
        fix: "Compare the device's date, time and time zone with a reliable source and turn on automatic time; on the CA server check the clock and its time source (w32tm /query /status). Once the clocks agree, sync the device; a certificate dated in the future becomes usable when its start is reached, or request a new one.",
    },
    Entry {
        code: "store.issued-by-other-ca",
        severity: Error,
        step: Some(4),
        title: "The certificate was issued by another CA than the one the profile names",
        explanation: "The SCEP profile names the CA certificate {ca_thumbprint} ({ca_subject}), but the certificate {subject} (thumbprint {thumbprint}) was issued by {issuer}, whose chain in the listed certificates ends at {root}. NDES enrolled against a different CA than the profile's root: the device does not trust the chain, and servers that trust the profile's CA reject the certificate.",
        fix: "On the NDES server, check which CA the Certificate Connector and NDES enroll against (the CA configured when NDES was installed; the RA certificates' issuer). Either point NDES at the CA whose root the profile names, or make the SCEP profile reference a trusted certificate profile holding {root}, with intermediates deployed too, assigned to the same group.",
    },
    Entry {
        code: "store.ca-renewed",
        severity: Warning,
        step: Some(1),
        title: "Two root certificates share the profile's CA name: the CA was renewed",
        explanation: "The profile names the CA certificate {thumbprint} ({subject}), and the listed certificates also hold another self-issued certificate with the same subject, thumbprint {other_thumbprint}. The CA was renewed with a new certificate (or the profile holds an old copy): certificates the CA issues now chain to the new one, which the profile's thumbprint does not match.",
        fix: "Export the CA's current root certificate (on the CA: certutil -ca.cert root.cer, or the newest certificate in the CA's properties), upload it to the Intune trusted certificate profile (or a new one) and make the SCEP profile reference it. Keep the old root deployed until the certificates it issued expire.",
    },
];
