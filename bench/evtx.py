"""Binary Windows event logs (`.evtx`) for bench/gen_logs.py: the writer of
tests/evtx_writer.rs (the format as documented: libyal's "Windows XML Event
Log (EVTX) format", MS-EVEN6 BinXML; plain BinXML elements, no templates,
names stored inline) in Python, with as many 64 KiB chunks as the events
need, each with its header and records CRC32s."""

import struct
import zlib

FILE_HEADER = 4096
CHUNK = 65536
CHUNK_HEADER = 512
EVENT_NS = "http://schemas.microsoft.com/win/2004/08/events/event"


class Binxml:
    def __init__(self, chunk):
        self.c = chunk  # a bytearray: name offsets are chunk offsets

    def name(self, name):
        units = name.encode("utf-16-le")
        h = 0
        for i in range(0, len(units), 2):
            h = (h * 65599 + units[i] + (units[i + 1] << 8)) & 0xFFFFFFFF
        self.c += struct.pack("<IIHH", len(self.c) + 4, 0, h & 0xFFFF, len(units) // 2) + units + b"\0\0"

    def text(self, text):
        units = text.encode("utf-16-le")
        self.c += struct.pack("<BBH", 0x05, 0x01, len(units) // 2) + units

    def element(self, name, attributes=(), content=None):
        c = self.c
        c.append(0x41 if attributes else 0x01)
        size_at = len(c)
        c += b"\0\0\0\0"
        self.name(name)
        if attributes:
            list_at = len(c)
            c += b"\0\0\0\0"
            for i, (a, v) in enumerate(attributes):
                c.append(0x46 if i + 1 < len(attributes) else 0x06)
                self.name(a)
                self.text(v)
            struct.pack_into("<I", c, list_at, len(c) - list_at - 4)
        if content is None:
            c.append(0x03)
        else:
            c.append(0x02)
            content()
            c.append(0x04)
        struct.pack_into("<I", c, size_at, len(c) - size_at - 4)

    def text_element(self, name, text):
        self.element(name, (), lambda: self.text(text))

    def event(self, e, record_id):
        self.c += bytes([0x0F, 1, 1, 0])

        def system():
            self.element("Provider", (("Name", e["provider"]), ("Guid", e["guid"])))
            self.text_element("EventID", str(e["id"]))
            self.text_element("Version", "0")
            self.text_element("Level", str(e["level"]))
            self.text_element("Task", "0")
            self.text_element("Opcode", "0")
            self.text_element("Keywords", "0x8000000000000000")
            self.element("TimeCreated", (("SystemTime", e["time"]),))
            self.text_element("EventRecordID", str(record_id))
            self.element("Correlation")
            self.element("Execution", (("ProcessID", "5812"), ("ThreadID", "9120")))
            self.text_element("Channel", e["channel"])
            self.text_element("Computer", e["computer"])

        def data():
            for name, value in e["data"]:
                attrs = (("Name", name),) if name else ()
                if value:
                    self.element("Data", attrs, lambda v=value: self.text(v))
                else:
                    self.element("Data", attrs)

        def event():
            self.element("System", (), system)
            self.element("EventData", (), data)

        self.element("Event", (("xmlns", EVENT_NS),), event)
        self.c.append(0x00)


def record(e, record_id, at):
    """One record as it sits at chunk offset `at` (its names point into the chunk)."""
    c = bytearray(at)
    c += b"\x2a\x2a\0\0\0\0\0\0" + struct.pack("<QQ", record_id, (e["unix"] + 11_644_473_600) * 10_000_000)
    Binxml(c).event(e, record_id)
    size = len(c) + 4 - at
    c += struct.pack("<I", size)
    struct.pack_into("<I", c, at + 4, size)
    return bytes(c[at:])


def chunk(records, first_id):
    """A 64 KiB chunk of already laid-out records (from offset 512)."""
    c = bytearray(CHUNK_HEADER)
    last_record = CHUNK_HEADER
    for r in records:
        last_record = len(c)
        c += r
    free = len(c)
    assert free <= CHUNK
    c += bytes(CHUNK - free)
    last_id = first_id + len(records) - 1
    c[:8] = b"ElfChnk\0"
    struct.pack_into("<QQQQIIII", c, 8, first_id, last_id, first_id, last_id, 128, last_record, free,
                     zlib.crc32(c[CHUNK_HEADER:free]))
    struct.pack_into("<I", c, 124, zlib.crc32(bytes(c[:120]) + bytes(c[128:CHUNK_HEADER])))
    return bytes(c)


def file_header(chunks, next_id):
    h = bytearray(FILE_HEADER)
    h[:8] = b"ElfFile\0"
    struct.pack_into("<QQQIHHHH", h, 8, 0, chunks - 1, next_id, 128, 1, 3, FILE_HEADER, chunks)
    struct.pack_into("<I", h, 124, zlib.crc32(bytes(h[:120])))
    return bytes(h)


def write(path, events, size, progress):
    """Writes chunks of `events` (an iterator of event dicts) to `path` until
    the file holds `size` bytes, then the file header in front; progress[0]
    is the bytes written so far (the events' source places its stories by it)."""
    with open(path, "wb") as f:
        f.write(bytes(FILE_HEADER))
        record_id, chunks, pending = 1, 0, None
        while FILE_HEADER + chunks * CHUNK < size:
            first, records, at = record_id, [], CHUNK_HEADER
            while True:
                e = pending or next(events)
                r = record(e, record_id, at)
                if at + len(r) > CHUNK:
                    pending = e
                    break
                pending = None
                records.append(r)
                at += len(r)
                progress[0] = FILE_HEADER + chunks * CHUNK + at
                record_id += 1
            f.write(chunk(records, first))
            chunks += 1
        f.seek(0)
        f.write(file_header(chunks, record_id))
