"""Markdown (the subset the sample summaries use: #-headings, '- ' bullets, '(a)' items, paragraphs) to HTML,
so that LibreOffice makes DOCX files with real headings and lists."""
import html, re, sys

out = ['<html><head><meta charset="utf-8"></head><body>']
in_list = False
for line in open(sys.argv[1], encoding='utf-8').read().split('\n'):
    bullet = re.match(r'^- (.*)', line)
    if in_list and not bullet:
        out.append('</ul>')
        in_list = False
    if not line.strip():
        continue
    heading = re.match(r'^(#+) (.*)', line)
    if heading:
        level = len(heading.group(1))
        out.append(f'<h{level}>{html.escape(heading.group(2))}</h{level}>')
    elif bullet:
        if not in_list:
            out.append('<ul>')
            in_list = True
        out.append(f'<li>{html.escape(bullet.group(1))}</li>')
    else:
        out.append(f'<p>{html.escape(line.strip())}</p>')
if in_list:
    out.append('</ul>')
out.append('</body></html>')
print('\n'.join(out))
