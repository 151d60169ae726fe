//! HTTP statuses as Windows reports them (FACILITY_HTTP, 0x8019xxxx): the
//! status is the low 16 bits, so meaning and fix come from the status and
//! its class; the symbols `winerror.h` documents are named here.

/// A status with its `HTTP_E_STATUS_*` symbol and reason phrase.
pub struct HttpStatus {
    pub status: u16,
    pub symbol: &'static str,
    pub reason: &'static str,
}

const fn s(status: u16, symbol: &'static str, reason: &'static str) -> HttpStatus {
    HttpStatus {
        status,
        symbol,
        reason,
    }
}

#[rustfmt::skip]
pub static HTTP_STATUSES: &[HttpStatus] = &[
    s(300, "HTTP_E_STATUS_AMBIGUOUS", "Multiple Choices"),
    s(301, "HTTP_E_STATUS_MOVED", "Moved Permanently"),
    s(302, "HTTP_E_STATUS_REDIRECT", "Found"),
    s(303, "HTTP_E_STATUS_REDIRECT_METHOD", "See Other"),
    s(304, "HTTP_E_STATUS_NOT_MODIFIED", "Not Modified"),
    s(305, "HTTP_E_STATUS_USE_PROXY", "Use Proxy"),
    s(307, "HTTP_E_STATUS_REDIRECT_KEEP_VERB", "Temporary Redirect"),
    s(400, "HTTP_E_STATUS_BAD_REQUEST", "Bad Request"),
    s(401, "HTTP_E_STATUS_DENIED", "Unauthorized"),
    s(402, "HTTP_E_STATUS_PAYMENT_REQ", "Payment Required"),
    s(403, "HTTP_E_STATUS_FORBIDDEN", "Forbidden"),
    s(404, "HTTP_E_STATUS_NOT_FOUND", "Not Found"),
    s(405, "HTTP_E_STATUS_BAD_METHOD", "Method Not Allowed"),
    s(406, "HTTP_E_STATUS_NONE_ACCEPTABLE", "Not Acceptable"),
    s(407, "HTTP_E_STATUS_PROXY_AUTH_REQ", "Proxy Authentication Required"),
    s(408, "HTTP_E_STATUS_REQUEST_TIMEOUT", "Request Timeout"),
    s(409, "HTTP_E_STATUS_CONFLICT", "Conflict"),
    s(410, "HTTP_E_STATUS_GONE", "Gone"),
    s(411, "HTTP_E_STATUS_LENGTH_REQUIRED", "Length Required"),
    s(412, "HTTP_E_STATUS_PRECOND_FAILED", "Precondition Failed"),
    s(413, "HTTP_E_STATUS_REQUEST_TOO_LARGE", "Payload Too Large"),
    s(414, "HTTP_E_STATUS_URI_TOO_LONG", "URI Too Long"),
    s(415, "HTTP_E_STATUS_UNSUPPORTED_MEDIA", "Unsupported Media Type"),
    s(416, "HTTP_E_STATUS_RANGE_NOT_SATISFIABLE", "Range Not Satisfiable"),
    s(417, "HTTP_E_STATUS_EXPECTATION_FAILED", "Expectation Failed"),
    s(500, "HTTP_E_STATUS_SERVER_ERROR", "Internal Server Error"),
    s(501, "HTTP_E_STATUS_NOT_SUPPORTED", "Not Implemented"),
    s(502, "HTTP_E_STATUS_BAD_GATEWAY", "Bad Gateway"),
    s(503, "HTTP_E_STATUS_SERVICE_UNAVAIL", "Service Unavailable"),
    s(504, "HTTP_E_STATUS_GATEWAY_TIMEOUT", "Gateway Timeout"),
    s(505, "HTTP_E_STATUS_VERSION_NOT_SUP", "HTTP Version Not Supported"),
];

/// The status of a 0x8019xxxx code and its documented row, if any.
pub fn http_status(code: u32) -> Option<(u16, Option<&'static HttpStatus>)> {
    if code >> 16 != 0x8019 {
        return None;
    }
    let status = (code & 0xFFFF) as u16;
    Some((status, HTTP_STATUSES.iter().find(|h| h.status == status)))
}

/// The text key of the fix for `status`: its own when a SCEP server answers
/// it for a known reason, else its class's.
pub fn fix_key(status: u16) -> &'static str {
    const OWN: &[(u16, &str)] = &[
        (403, "fix.http-403"),
        (404, "fix.http-404"),
        (500, "fix.http-500"),
        (503, "fix.http-503"),
    ];
    if let Some((_, key)) = OWN.iter().find(|(s, _)| *s == status) {
        return key;
    }
    match status / 100 {
        3 => "fix.http-3xx",
        4 => "fix.http-4xx",
        5 => "fix.http-5xx",
        _ => "fix.http-other",
    }
}
