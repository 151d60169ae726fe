//! Android Enterprise (fully managed, dedicated, corporate-owned work profile):
//! the Intune app's `CloudExtension.log`. Its line layout is not published, so
//! it is recognized by the certificate keywords Microsoft support searches for,
//! matched as substrings anywhere in a line.

use crate::core::model::Platform;
use crate::parse::format::Format;
use crate::platforms::android::enterprise as android_enterprise;

pub const FORMAT: Format = Format {
    id: "android-cloudextension",
    platform: Platform::Android,
    title: "Android Enterprise Intune app CloudExtension log",
    samples: &[
        "CertAcquiredEvent",
        "Successfully installed CA certificate",
        "CertAccessGrantedEvent",
    ],
    header: None,
    marks: None,
    glued: None,
    split: None,
    rules: android_enterprise::rules,
    stream: None,
};
