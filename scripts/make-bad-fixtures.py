#!/usr/bin/env python3
"""Makes the bad-input and encoding fixtures of the tests. Needs qpdf (Debian) and the note fixtures."""
import pathlib, subprocess, zipfile, io

root = pathlib.Path(__file__).resolve().parent.parent
bad = root / "tests/fixtures/bad"
enc = root / "tests/fixtures/encodings"
notes = root / "tests/fixtures/notes"
seed = next((root.parent / "shared/seeds").glob("003_*.txt")).read_text(encoding="utf-8")

(bad / "empty.txt").write_bytes(b"")
(bad / "not-a-pdf.pdf").write_text("This is a plain text file that was given a .pdf name.\n", encoding="utf-8")
pdf = (notes / "003.pdf").read_bytes()
(bad / "truncated.pdf").write_bytes(pdf[: len(pdf) // 3])
subprocess.run(["qpdf", "--encrypt", "user-pw", "owner-pw", "256", "--", str(notes / "003.pdf"), str(bad / "encrypted.pdf")], check=True)
docx = (notes / "003.docx").read_bytes()
(bad / "corrupt.docx").write_bytes(docx[: len(docx) // 2])
(bad / "notes.rtf").write_text("{\\rtf1 not a format ta-needs reads}\n", encoding="ascii")

# A PDF page with a drawn box and no text layer, as a scanned page has none.
objects = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
]
stream = b"0.5 g 72 600 300 150 re f"
objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
out = io.BytesIO()
out.write(b"%PDF-1.4\n")
offsets = []
for number, body in enumerate(objects, 1):
    offsets.append(out.tell())
    out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
xref = out.tell()
out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
for offset in offsets:
    out.write(b"%010d 00000 n \n" % offset)
out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
(bad / "scanned.pdf").write_bytes(out.getvalue())

# The same note in the encodings Chinese users' text files come in.
(enc / "003.gb18030.txt").write_bytes(seed.encode("gb18030"))
(enc / "003.utf16.txt").write_bytes(b"\xff\xfe" + seed.encode("utf-16-le"))
(enc / "003.utf8bom.txt").write_bytes(b"\xef\xbb\xbf" + seed.replace("\n", "\r\n").encode("utf-8"))
