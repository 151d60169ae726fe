//! DMEDP Admin logs (`.evtx`) that tests write with `evtx_writer`: the
//! SCEP stories of the fixtures, as a device logs them.

use crate::evtx_writer::{write, Event};

pub const DMEDP: &str = "Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider";
pub const GUID: &str = "{3da494e4-0fe2-415c-b895-fb5265c5c83b}";
pub const ADMIN: &str = "Microsoft-Windows-DeviceManagement-Enterprise-Diagnostics-Provider/Admin";
pub const UID: &str = "ModelName_AC_51bad41f-3854-4eb5-a2f2-0f7a94034ee8_LogicalName_39907e78_e61b_4730_b9fa_d44a53e4111c_Hash_-1518303401";
pub const SID: &str = "S-1-12-1-1234567890-1234567890-1234567890-1234567890";
pub const URL: &str = "https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll/pkiclient.exe";

pub fn event<'a>(
    id: u16,
    level: u8,
    time: &'a str,
    unix: u64,
    data: &'a [(&'a str, &'a str)],
) -> Event<'a> {
    Event {
        provider: DMEDP,
        guid: GUID,
        channel: ADMIN,
        id,
        level,
        time,
        unix,
        computer: "PC-0042.contoso.com",
        data,
        user_data: None,
    }
}

pub const E306: &[(&str, &str)] = &[
    ("Message1", UID),
    ("Message2", SID),
    ("Message3", "user"),
    ("Message4", "clientinstall"),
    ("HexInt1", "0x2"),
    ("Message5", "Unknown Win32 Error code: 0x2ab0003"),
];
pub const E36: &[(&str, &str)] = &[
    ("Message1", "1.3.6.1.5.5.7.3.2"),
    ("Message2", URL),
    ("Message3", ""),
    ("HexInt1", "0x2"),
    ("HexInt2", "0x1"),
];

/// 306 → 36 → 39 → 309 → 256 (20 August 2024, 09:49 UTC).
pub fn success() -> Vec<u8> {
    const E309: &[(&str, &str)] = &[
        ("Message1", "{0D7B4C2E-5A61-4F83-9B2D-3C4E5F607182}"),
        ("Message2", UID),
        ("Message3", "A1B2C3D4E5F60718293A4B5C6D7E8F9001122334"),
        ("Message4", URL),
        ("HexInt1", "0x1"),
        ("HexInt2", "0x0"),
        ("Message5", "The operation completed successfully."),
    ];
    const E256: &[(&str, &str)] = &[
        ("Message1", "The operation completed successfully."),
        ("Message2", "8E8C3E0B-AD4C-4A0A-8B8C-0A6F3A1C2B3D"),
        ("Message3", "{4F7C2D1A-9B3E-4C5D-8E6F-7A8B9C0D1E2F}"),
        ("Message4", "2"),
        ("Message5", "33"),
        ("Message6", "com.microsoft:mdm.SCEPcertinstall.result"),
        ("Message7", SID),
    ];
    let base = 1_724_147_382; // 2024-08-20T09:49:42Z
    write(&[
        event(306, 4, "2024-08-20T09:49:42.5301127Z", base, E306),
        event(36, 4, "2024-08-20T09:49:44.1043390Z", base + 2, E36),
        event(39, 4, "2024-08-20T09:49:44.3927715Z", base + 2, &[]),
        event(309, 4, "2024-08-20T09:49:53.0412230Z", base + 11, E309),
        event(256, 4, "2024-08-20T09:49:53.2210000Z", base + 11, E256),
    ])
}

/// 306 → 36 → 307 + 32 `The hash value is not correct.` (14 March 2025).
pub fn thumbprint_mismatch() -> Vec<u8> {
    const E307: &[(&str, &str)] = &[(
        "Message1",
        "SCEPInstallCertificateWithScepHelper:Failed to Initialize SCEP enrollment with NDES Server 'https://ndes-contoso.msappproxy.net/certsrv/mscep/mscep.dll/pkiclient.exe', CA cert thumbprint '5F9A2C7E1B3D4F60718293A4B5C6D7E8F9012345' and server certs ''. LogError 0x80091007",
    )];
    const E32: &[(&str, &str)] = &[("Message1", "The hash value is not correct.")];
    let base = 1_741_946_531; // 2025-03-14T10:02:11Z
    write(&[
        event(306, 4, "2025-03-14T10:02:11.1000000Z", base, E306),
        event(36, 4, "2025-03-14T10:02:12.2000000Z", base + 1, E36),
        event(307, 2, "2025-03-14T10:02:13.3000000Z", base + 2, E307),
        event(32, 2, "2025-03-14T10:02:13.3001000Z", base + 2, E32),
    ])
}
