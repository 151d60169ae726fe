//! Writes binary Windows event logs (`.evtx`) the way the format is
//! documented (libyal "Windows XML Event Log (EVTX) format", MS-EVEN6
//! BinXML): a 4 KiB file header `ElfFile\0` with its CRC32, one 64 KiB chunk
//! `ElfChnk\0` with its header and records CRC32s, and event records
//! `**\0\0` whose BinXML is plain elements (no templates) with names stored
//! inline in the chunk (the name offset points just past itself).
//!
//! Used by the tests to feed `analyze` honest `.evtx` bytes without
//! committing binary files.

/// One event to write.
pub struct Event<'a> {
    pub provider: &'a str,
    pub guid: &'a str,
    pub channel: &'a str,
    pub id: u16,
    pub level: u8,
    /// `YYYY-MM-DDTHH:MM:SS.fffffffZ`
    pub time: &'a str,
    /// Seconds since 1970 for the record header's FILETIME (same instant).
    pub unix: u64,
    pub computer: &'a str,
    /// `<Data Name="…">…</Data>` in order (`<Data>` when the name is empty).
    pub data: &'a [(&'a str, &'a str)],
    /// A CAPI2 event's UserData, written instead of EventData.
    pub user_data: Option<UserData<'a>>,
}

/// CAPI2 Operational UserData, as much as the reader reads of it:
/// `<{element}><EventAuxInfo ProcessName="{process}" /><Result
/// value="{value}">{text}</Result></{element}>` (`<Result value="0" />` when
/// `text` is empty).
pub struct UserData<'a> {
    pub element: &'a str,
    pub process: &'a str,
    pub value: &'a str,
    pub text: &'a str,
}

/// CRC32 (IEEE 802.3, reflected, polynomial 0xEDB88320), as EVTX uses.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

const FILE_HEADER: usize = 4096;
const CHUNK: usize = 65536;
const CHUNK_HEADER: usize = 512;

fn put_u16(buf: &mut [u8], at: usize, v: u16) {
    buf[at..at + 2].copy_from_slice(&v.to_le_bytes());
}
fn put_u32(buf: &mut [u8], at: usize, v: u32) {
    buf[at..at + 4].copy_from_slice(&v.to_le_bytes());
}
fn put_u64(buf: &mut [u8], at: usize, v: u64) {
    buf[at..at + 8].copy_from_slice(&v.to_le_bytes());
}

/// BinXML written straight into the chunk, so name offsets are chunk offsets.
struct Binxml<'a> {
    chunk: &'a mut Vec<u8>,
}

impl Binxml<'_> {
    fn u8(&mut self, v: u8) {
        self.chunk.push(v);
    }
    fn u16(&mut self, v: u16) {
        self.chunk.extend_from_slice(&v.to_le_bytes());
    }
    fn u32(&mut self, v: u32) {
        self.chunk.extend_from_slice(&v.to_le_bytes());
    }
    fn pos(&self) -> usize {
        self.chunk.len()
    }
    fn patch_u32(&mut self, at: usize, v: u32) {
        put_u32(self.chunk, at, v);
    }

    /// A name reference followed by the name itself (offset = here + 4):
    /// next-string offset, hash, character count, UTF-16LE, NUL.
    fn name(&mut self, name: &str) {
        let at = (self.pos() + 4) as u32;
        self.u32(at);
        let units: Vec<u16> = name.encode_utf16().collect();
        let hash = units.iter().fold(0u32, |h, &c| {
            h.wrapping_mul(65599).wrapping_add(u32::from(c))
        });
        self.u32(0);
        self.u16((hash & 0xFFFF) as u16);
        self.u16(units.len() as u16);
        for u in units {
            self.u16(u);
        }
        self.u16(0);
    }

    /// Value text token: a length-prefixed UTF-16LE string.
    fn text(&mut self, text: &str) {
        let units: Vec<u16> = text.encode_utf16().collect();
        self.u8(0x05);
        self.u8(0x01);
        self.u16(units.len() as u16);
        for u in units {
            self.u16(u);
        }
    }

    /// `<name a="v"…>` then `content` then `</name>`, or `<name …/>` when
    /// `content` is `None`.
    fn element(
        &mut self,
        name: &str,
        attributes: &[(&str, &str)],
        content: Option<&dyn Fn(&mut Self)>,
    ) {
        self.u8(if attributes.is_empty() { 0x01 } else { 0x41 });
        let size_at = self.pos();
        self.u32(0);
        self.name(name);
        if !attributes.is_empty() {
            let list_at = self.pos();
            self.u32(0);
            for (i, (a, v)) in attributes.iter().enumerate() {
                self.u8(if i + 1 < attributes.len() { 0x46 } else { 0x06 });
                self.name(a);
                self.text(v);
            }
            let size = self.pos() - list_at - 4;
            self.patch_u32(list_at, size as u32);
        }
        match content {
            Some(content) => {
                self.u8(0x02);
                content(self);
                self.u8(0x04);
            }
            None => self.u8(0x03),
        }
        let size = self.pos() - size_at - 4;
        self.patch_u32(size_at, size as u32);
    }

    fn text_element(&mut self, name: &str, text: &str) {
        self.element(name, &[], Some(&|b: &mut Self| b.text(text)));
    }

    fn event(&mut self, e: &Event<'_>, record_id: u64) {
        // Fragment header: major 1, minor 1, flags 0.
        self.u8(0x0F);
        self.u8(1);
        self.u8(1);
        self.u8(0);
        let ns = [(
            "xmlns",
            "http://schemas.microsoft.com/win/2004/08/events/event",
        )];
        self.element(
            "Event",
            &ns,
            Some(&|b: &mut Self| {
                b.element(
                    "System",
                    &[],
                    Some(&|b: &mut Self| {
                        b.element("Provider", &[("Name", e.provider), ("Guid", e.guid)], None);
                        b.text_element("EventID", &e.id.to_string());
                        b.text_element("Version", "0");
                        b.text_element("Level", &e.level.to_string());
                        b.text_element("Task", "0");
                        b.text_element("Opcode", "0");
                        b.text_element("Keywords", "0x8000000000000000");
                        b.element("TimeCreated", &[("SystemTime", e.time)], None);
                        b.text_element("EventRecordID", &record_id.to_string());
                        b.element("Correlation", &[], None);
                        b.element(
                            "Execution",
                            &[("ProcessID", "5812"), ("ThreadID", "9120")],
                            None,
                        );
                        b.text_element("Channel", e.channel);
                        b.text_element("Computer", e.computer);
                    }),
                );
                if let Some(u) = &e.user_data {
                    b.element(
                        "UserData",
                        &[],
                        Some(&|b: &mut Self| {
                            b.element(
                                u.element,
                                &[],
                                Some(&|b: &mut Self| {
                                    b.element("EventAuxInfo", &[("ProcessName", u.process)], None);
                                    if u.text.is_empty() {
                                        b.element("Result", &[("value", u.value)], None);
                                    } else {
                                        b.element(
                                            "Result",
                                            &[("value", u.value)],
                                            Some(&|b: &mut Self| b.text(u.text)),
                                        );
                                    }
                                }),
                            );
                        }),
                    );
                    return;
                }
                b.element(
                    "EventData",
                    &[],
                    Some(&|b: &mut Self| {
                        for (name, value) in e.data {
                            // A classic event source (CertSvc) names none.
                            let named = [("Name", *name)];
                            let attrs: &[(&str, &str)] = if name.is_empty() { &[] } else { &named };
                            if value.is_empty() {
                                b.element("Data", attrs, None);
                            } else {
                                b.element("Data", attrs, Some(&|b: &mut Self| b.text(value)));
                            }
                        }
                    }),
                );
            }),
        );
        self.u8(0x00);
    }
}

/// A whole `.evtx` file: the file header and one chunk holding `events`
/// (record ids from 1). Panics if they do not fit in one chunk (test data).
pub fn write(events: &[Event<'_>]) -> Vec<u8> {
    let mut chunk = vec![0u8; CHUNK_HEADER];
    let mut last_record = CHUNK_HEADER;
    for (i, e) in events.iter().enumerate() {
        let id = i as u64 + 1;
        let start = chunk.len();
        last_record = start;
        chunk.extend_from_slice(b"\x2a\x2a\0\0");
        chunk.extend_from_slice(&[0; 4]);
        chunk.extend_from_slice(&id.to_le_bytes());
        let filetime = (e.unix + 11_644_473_600) * 10_000_000;
        chunk.extend_from_slice(&filetime.to_le_bytes());
        Binxml { chunk: &mut chunk }.event(e, id);
        let size = (chunk.len() + 4 - start) as u32;
        chunk.extend_from_slice(&size.to_le_bytes());
        put_u32(&mut chunk, start + 4, size);
    }
    let free = chunk.len();
    assert!(free <= CHUNK, "events do not fit in one chunk");
    chunk.resize(CHUNK, 0);
    let n = events.len() as u64;
    chunk[..8].copy_from_slice(b"ElfChnk\0");
    put_u64(&mut chunk, 8, 1);
    put_u64(&mut chunk, 16, n);
    put_u64(&mut chunk, 24, 1);
    put_u64(&mut chunk, 32, n);
    put_u32(&mut chunk, 40, 128);
    put_u32(&mut chunk, 44, last_record as u32);
    put_u32(&mut chunk, 48, free as u32);
    let records = crc32(&chunk[CHUNK_HEADER..free]);
    put_u32(&mut chunk, 52, records);
    // Flags 0 at 120; the header CRC covers 0..120 and 128..512.
    let mut covered = chunk[..120].to_vec();
    covered.extend_from_slice(&chunk[128..CHUNK_HEADER]);
    let header_crc = crc32(&covered);
    put_u32(&mut chunk, 124, header_crc);

    let mut file = vec![0u8; FILE_HEADER];
    file[..8].copy_from_slice(b"ElfFile\0");
    put_u64(&mut file, 8, 0); // first chunk
    put_u64(&mut file, 16, 0); // last chunk
    put_u64(&mut file, 24, n + 1); // next record id
    put_u32(&mut file, 32, 128); // header size
    put_u16(&mut file, 36, 1); // minor version
    put_u16(&mut file, 38, 3); // major version
    put_u16(&mut file, 40, FILE_HEADER as u16); // header block size
    put_u16(&mut file, 42, 1); // chunk count
    let file_crc = crc32(&file[..120]);
    put_u32(&mut file, 124, file_crc);
    file.extend_from_slice(&chunk);
    file
}
