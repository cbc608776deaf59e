"""Real PDF files for upload tests, written by hand (one page, Helvetica text)."""

from __future__ import annotations


def pdf_with_lines(lines: list[str]) -> bytes:
    """A valid one-page PDF whose page shows each line (ASCII) below the one before, as a resume does."""
    escaped = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines]
    return pdf_with_text("", stream_text=" T* ".join(f"({line}) Tj" for line in escaped))


def pdf_with_text(text: str, padding_bytes: int = 0, stream_text: str | None = None) -> bytes:
    """A valid one-page PDF whose page shows `text` (ASCII); `padding_bytes` adds a comment to grow it."""
    shown = stream_text if stream_text is not None else f"({text}) Tj"
    stream = f"BT /F1 11 Tf 14 TL 72 740 Td {shown} ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    if padding_bytes:
        out += b"%" + b"x" * padding_bytes + b"\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _pdf_with_stream(stream: bytes, compress: bool) -> bytes:
    import zlib

    body = zlib.compress(stream, 9) if compress else stream
    filters = b" /Filter /FlateDecode" if compress else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d%s >>\nstream\n" % (len(body), filters) + body + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def pdf_with_many_operators(count: int = 600_000) -> bytes:
    """A small PDF (compressed) whose page draws `count` text operators: slow to extract."""
    return _pdf_with_stream(b"BT /F1 12 Tf 72 720 Td " + b"(a) Tj " * count + b"ET", compress=True)


def pdf_with_inflating_stream(size: int = 100 * 1024 * 1024) -> bytes:
    """A PDF whose page stream is ~100 KB compressed and `size` bytes inflated (a decompression bomb)."""
    return _pdf_with_stream(b" " * size, compress=True)
