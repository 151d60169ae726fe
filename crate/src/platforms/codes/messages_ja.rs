//! The system messages a Japanese Windows shows for some codes, so an admin
//! can paste the Japanese text (Event Viewer, a dialog, `certutil`) into the
//! lookup. Only texts confirmed from published material are listed: the
//! message as Microsoft's Japanese documentation quotes it beside the code,
//! or as a published Japanese Event Viewer or console copy shows it. Each is
//! the part of the message that stays the same across Windows builds (one
//! build writes `チェーンは`, another `チェーンが`).

/// (HRESULT, a distinctive part of its Japanese system message).
pub static MESSAGES_JA: &[(u32, &str)] = &[
    // WinINet/WinHTTP 12007; Microsoft's Japanese error table and `wsl --update` output.
    (
        0x8007_2EE7,
        "サーバー名またはアドレスは解決されませんでした",
    ),
    // WinINet/WinHTTP 12029; Microsoft's Japanese hybrid-join troubleshooting table.
    (0x8007_2EFD, "サーバーとの接続を確立できませんでした"),
    // CERT_E_UNTRUSTEDROOT; a published Japanese Event Viewer copy and
    // Microsoft's Japanese VPN troubleshooting article.
    (
        0x800B_0109,
        "信頼プロバイダーが信頼していないルート証明書で終了しました",
    ),
    // CERT_E_CHAINING; the same published Event Viewer copy.
    (
        0x800B_010A,
        "信頼されたルート証明機関まで構築できませんでした",
    ),
    // CRYPT_E_REVOCATION_OFFLINE; published `curl` (Schannel) outputs on Japanese Windows.
    (
        0x8009_2013,
        "失効サーバーがオフラインのため、失効の関数は失効を確認できませんでした",
    ),
    // CRYPT_E_NO_REVOCATION_CHECK; the same kind of published `curl` output.
    (
        0x8009_2012,
        "失効の関数は証明書の失効を確認できませんでした",
    ),
    // SEC_E_UNTRUSTED_ROOT; published SQL client errors (`provider: SSL プロバイダー`).
    (
        0x8009_0325,
        "信頼されていない機関によって証明書チェーンが発行されました",
    ),
];
