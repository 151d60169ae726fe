//! A BER reader for the SCEP messages: elements read from bytes that may be
//! cut short (a log truncates the message), nesting bounded, never a panic.

pub(super) const INTEGER: u8 = 0x02;
pub(super) const OCTET_STRING: u8 = 0x04;
pub(super) const OID: u8 = 0x06;
pub(super) const SEQUENCE: u8 = 0x30;
pub(super) const SET: u8 = 0x31;
pub(super) const CONTEXT_0_CONSTRUCTED: u8 = 0xa0;

/// Nesting deeper than this is not a SCEP message.
pub(super) const MAX_DEPTH: usize = 24;

/// One BER element. `body` is its content, clipped to the bytes available;
/// `complete` says whether the element ended within them.
#[derive(Clone, Copy, Debug)]
pub(super) struct Tlv<'a> {
    /// The identifier octet (class, constructed bit, low tag number).
    pub(super) tag: u8,
    pub(super) body: &'a [u8],
    pub(super) complete: bool,
    /// Bytes the whole element takes in its parent (all that is left when
    /// incomplete).
    pub(super) size: usize,
}

/// Reads the element at the start of `data`.
pub(super) fn read(data: &[u8], depth: usize) -> Option<Tlv<'_>> {
    if depth > MAX_DEPTH {
        return None;
    }
    let tag = *data.first()?;
    if tag & 0x1f == 0x1f {
        // High tag numbers do not occur in these messages.
        return None;
    }
    let first = *data.get(1)?;
    let (len, header) = if first < 0x80 {
        (Some(usize::from(first)), 2)
    } else if first == 0x80 {
        (None, 2)
    } else {
        let n = usize::from(first & 0x7f);
        if n > 4 {
            return None;
        }
        let bytes = data.get(2..2 + n)?;
        let len = bytes
            .iter()
            .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
        (Some(len), 2 + n)
    };
    let rest = data.get(header..)?;
    match len {
        Some(len) => {
            let complete = rest.len() >= len;
            let body = rest.get(..len).unwrap_or(rest);
            Some(Tlv {
                tag,
                body,
                complete,
                size: header + body.len(),
            })
        }
        None => {
            if tag & 0x20 == 0 {
                return None;
            }
            // Indefinite length: children up to the end-of-contents octets.
            let mut at = 0;
            loop {
                let tail = rest.get(at..).unwrap_or(&[]);
                if tail.starts_with(&[0, 0]) {
                    return Some(Tlv {
                        tag,
                        body: rest.get(..at).unwrap_or(rest),
                        complete: true,
                        size: header + at + 2,
                    });
                }
                match read(tail, depth + 1) {
                    Some(child) if child.complete => at += child.size,
                    _ => {
                        return Some(Tlv {
                            tag,
                            body: rest,
                            complete: false,
                            size: data.len(),
                        })
                    }
                }
            }
        }
    }
}

/// The elements inside a constructed element's body, in order; stops after
/// an element that is cut short.
pub(super) struct Children<'a> {
    rest: &'a [u8],
    done: bool,
}

impl<'a> Children<'a> {
    pub(super) fn new(body: &'a [u8]) -> Children<'a> {
        Children {
            rest: body,
            done: false,
        }
    }
}

impl<'a> Iterator for Children<'a> {
    type Item = Tlv<'a>;

    fn next(&mut self) -> Option<Tlv<'a>> {
        if self.done || self.rest.is_empty() || self.rest.starts_with(&[0, 0]) {
            return None;
        }
        let Some(tlv) = read(self.rest, 1) else {
            self.done = true;
            return None;
        };
        if tlv.complete {
            self.rest = self.rest.get(tlv.size..).unwrap_or(&[]);
        } else {
            self.done = true;
        }
        Some(tlv)
    }
}

/// An OCTET STRING's bytes, joining the chunks of a constructed one.
pub(super) fn octet_string(tlv: &Tlv, out: &mut Vec<u8>, depth: usize) {
    if tlv.tag == OCTET_STRING {
        out.extend_from_slice(tlv.body);
    } else if tlv.tag == OCTET_STRING | 0x20 && depth < MAX_DEPTH {
        for chunk in Children::new(tlv.body) {
            octet_string(&chunk, out, depth + 1);
        }
    }
}
