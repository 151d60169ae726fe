//! Findings CA records raise (Japanese in [`super::ja`]): what the
//! status code of a denied or failed request means and what to change, a
//! request waiting for a certificate manager, a revoked certificate, and an
//! issued one whose delivery the CA cannot prove.

use crate::core::model::Severity::{Error, Info, Warning};
use crate::platforms::findings::Entry;

pub static TABLE: &[Entry] = &[
    Entry {
        code: "ca.unsupported-template",
        severity: Error,
        step: Some(4),
        title: "The CA does not issue the template NDES asked for",
        explanation: "The CA denied request {id} with {status} {name} ({text}): the certificate template in the request ({template}) is not among the templates this CA issues, or NDES names it by its display name instead of its template name. {message}",
        fix: "On the NDES server, set SignatureTemplate, EncryptionTemplate and GeneralPurposeTemplate under HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MSCEP to the template's name (not its display name), matching the key usage of the SCEP profile. On the CA, add the template under Certificate Templates (New > Certificate Template to Issue). Then run iisreset on the NDES server.",
    },
    Entry {
        code: "ca.template-denied",
        severity: Error,
        step: Some(4),
        title: "The template's permissions do not let NDES enroll",
        explanation: "The CA denied request {id} with {status} {name} ({text}). The account that submits for NDES ({requester}) lacks Read and Enroll on the certificate template {template}. {message}",
        fix: "In the Certificate Templates console, open the template's Security tab and give the NDES service account Read and Enroll (when the certificate connector runs as SYSTEM, the NDES server's computer account). Wait for Active Directory replication, then run iisreset on the NDES server.",
    },
    Entry {
        code: "ca.ca-enroll-denied",
        severity: Error,
        step: Some(4),
        title: "The CA's permissions do not let NDES request certificates",
        explanation: "The CA denied request {id} with {status} {name} ({text}): the account that submits for NDES ({requester}) lacks Request Certificates on the CA itself. {message}",
        fix: "In the Certification Authority console open the CA's Properties > Security and allow Request Certificates for the NDES service account (or the NDES server's computer account when the connector runs as SYSTEM).",
    },
    Entry {
        code: "ca.key-too-short",
        severity: Error,
        step: Some(4),
        title: "The device's key is shorter than the template allows",
        explanation: "The CA denied request {id} with {status} {name} ({text}): the public key in the request is smaller than the minimum key size of the template {template}. {message}",
        fix: "In Intune, set the SCEP profile's key size to at least the template's minimum (Certificate Templates console > template > Cryptography > Minimum key size), or lower that minimum. Devices request again at their next check-in.",
    },
    Entry {
        code: "ca.enrollment-agent",
        severity: Error,
        step: Some(4),
        title: "The CA's enrollment agent rules reject the request NDES signed",
        explanation: "The CA denied request {id} with {status} {name} ({text}). NDES signs each request with its enrollment agent (RA) certificate; the template asks for other authorized signatures, or the CA's enrollment agent restrictions do not allow NDES to enroll for this template or this user. {message}",
        fix: "On the template's Issuance Requirements tab, set \"This number of authorized signatures\" to 0. In the CA's Properties > Enrollment Agents, either do not restrict enrollment agents or allow the NDES service account for the SCEP template and the users it enrolls. Check the NDES RA certificates (Exchange Enrollment Agent (Offline request), CEP Encryption) are valid.",
    },
    Entry {
        code: "ca.bad-subject",
        severity: Error,
        step: Some(4),
        title: "The CA rejected the request's subject name",
        explanation: "The CA denied request {id} with {status} {name} ({text}): the subject name (or the subject alternative name the template requires) is missing, invalid or too long. {message}",
        fix: "Check the SCEP profile's Subject name format and Subject alternative name in Intune: the variables must resolve for this user or device (an empty attribute gives an empty name), and the result must fit the CA's limits. The template's Subject Name tab must be \"Supply in the request\".",
    },
    Entry {
        code: "ca.subject-from-directory",
        severity: Error,
        step: Some(4),
        title: "The template builds the subject from Active Directory",
        explanation: "The CA denied request {id} with {status} {name} ({text}): the template asks the CA to build the subject or alternative name from the requester's directory entry (UPN, e-mail, DNS name or GUID). The requester is the NDES account, not the user or device, so the value is missing. {message}",
        fix: "On the template's Subject Name tab choose \"Supply in the request\", and put the names in the SCEP profile's Subject name format and Subject alternative name instead.",
    },
    Entry {
        code: "ca.rpc-dcom",
        severity: Error,
        step: Some(4),
        title: "NDES could not reach the CA over RPC/DCOM",
        explanation: "Request {id} failed with {status} {name} ({text}): the NDES server could not talk to the CA's certificate service — the service is stopped, a firewall blocks RPC, or the NDES account is not allowed to use the CA's DCOM interface. {message}",
        fix: "Check the Active Directory Certificate Services service runs on the CA. Open TCP 135 and the dynamic RPC ports (49152–65535) from the NDES server to the CA. Add the NDES service account to the CA's local group Certificate Service DCOM Access. Check the CA name the connector and NDES use (host\\CA name).",
    },
    Entry {
        code: "ca.revocation-offline",
        severity: Error,
        step: Some(4),
        title: "The CA could not check revocation for the request",
        explanation: "Request {id} failed with {status} {name} ({text}): a revocation server was offline, so the CA could not check the certificate that signed the request (NDES's RA certificate) or its chain. {message}",
        fix: "Make the CRL distribution points of the CA chain reachable from the CA and publish fresh CRLs (certutil -crl on each CA). Run certutil -verify -urlfetch on the NDES RA certificate to find the unreachable location.",
    },
    Entry {
        code: "ca.request-denied",
        severity: Error,
        step: Some(4),
        title: "The CA did not issue request {id}",
        explanation: "The CA's record for request {id} ends in {status} {name} ({text}). {message}",
        fix: "Look up the status code; the CA's Application log has the same denial (CertificationAuthority events 53 or 22) with the request id. Check the template {template}, its permissions for {requester}, and the CA's policy module.",
    },
    Entry {
        code: "ca.request-pending",
        severity: Warning,
        step: Some(4),
        title: "Request {id} waits for a certificate manager's approval",
        explanation: "The CA put the request in Pending Requests instead of issuing it: the template {template} requires CA certificate manager approval. The device gets a pending answer and keeps polling until the request is issued or denied.",
        fix: "On the template's Issuance Requirements tab clear \"CA certificate manager approval\" (SCEP certificates are issued unattended). For this request, issue or deny it in the Certification Authority console under Pending Requests.",
    },
    Entry {
        code: "ca.revoked",
        severity: Warning,
        step: Some(4),
        title: "The certificate of request {id} was revoked",
        explanation: "The CA issued the certificate and later revoked it ({reason}). Intune revokes a SCEP certificate through the connector when the profile is removed from the device or the device is retired or wiped.",
        fix: "If the device should still have this certificate, check the SCEP profile's assignment; the device requests a new certificate at its next check-in. Otherwise nothing is to be done.",
    },
    Entry {
        code: "ca.issued-only",
        severity: Info,
        step: Some(5),
        title: "The CA issued the certificate; its delivery is not in this evidence",
        explanation: "The CA's record proves step 4: the certificate was issued. Whether NDES handed it to the device and the device installed it (step 5) only the device shows.",
        fix: "Add the device's log (Android OMADM.log, iOS console log, Windows DeviceManagement-Enterprise-Diagnostics-Provider Admin events) or its certificate store listing; match the certificate by serial number or thumbprint.",
    },
    Entry {
        code: "ca.no-evidence",
        severity: Info,
        step: Some(4),
        title: "No CA request in this CA export",
        explanation: "The export was read, but it holds no request row: the view was empty, or the columns that identify a request (request ID, serial number) were removed.",
        fix: "In the Certification Authority console open Issued Certificates, Failed Requests or Pending Requests, keep the Request ID column, and use Export List…; or run certutil -view LogFail (or Log, Queue) on the CA.",
    },
];
