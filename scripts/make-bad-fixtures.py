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

# An English summary saved by a Windows editor in Windows-1252: "Côte d’Ivoire" is F4 and 92 there, bytes
# that are not UTF-8 but, each with the letter after it, valid GB18030 (as which it once read "C魌e d扞voire").
summary = (root / "scripts/summaries/S02.en.md").read_text(encoding="utf-8").replace("Kenya", "Côte d’Ivoire")
(enc / "civ.en.cp1252.md").write_bytes(summary.encode("cp1252"))
(enc / "civ.en.utf8.md").write_bytes(summary.encode("utf-8"))
# The summary twice over with a NUL byte far past the first 4 KB, as a damaged or binary file has.
data = (summary + summary).encode("utf-8")
(enc / "civ.en.nul.md").write_bytes(data[:6000] + b"\x00" + data[6000:])
# Japanese in Shift_JIS: neither UTF-8, GB18030 nor Windows-1252 reads it as what it says.
japanese = "腐敗の防止に関する国際連合条約の実施状況についての審査。技術支援の必要性が確認された。\n" * 20
(enc / "ja.shift_jis.txt").write_bytes(japanese.encode("shift_jis"))
# Korean in EUC-KR: valid GB18030 made of common Chinese characters' bytes, yet not Chinese.
korean = "부패방지에 관한 국제연합 협약의 이행 검토. 기술 지원의 필요성이 확인되었다.\n" * 20
(enc / "ko.euc-kr.txt").write_bytes(korean.encode("euc-kr"))
