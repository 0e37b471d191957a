/**
 * A note as an OpenDocument text (flat XML), for LibreOffice to convert to DOCX: paragraphs in ODF lists that
 * continue across headings (text:continue-list), lettered items as a nested level of the paragraph's list item
 * (restarted by each paragraph) or as lists of their own (a start value where they do not begin at (a)),
 * bullets, typed heading numbers in heading styles, a masthead table, a Contents table with page numbers and
 * real footnotes.
 */
import { letter, type Footnote, type Item, type NoteStructure } from './structure.js';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const STYLES = `<office:styles>
  <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
  <style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard"/>
  ${[1, 2, 3, 4].map((level) => `<style:style style:name="Heading_20_${level}" style:display-name="Heading ${level}" style:family="paragraph" style:parent-style-name="Heading" style:default-outline-level="${level}"><style:text-properties fo:font-weight="bold"/></style:style>`).join('\n  ')}
  <style:style style:name="Footnote" style:family="paragraph" style:parent-style-name="Standard"/>
  <text:list-style style:name="Paragraphs">
    <text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"/>
    <text:list-level-style-number text:level="2" style:num-prefix="(" style:num-suffix=")" style:num-format="a"/>
  </text:list-style>
  <text:list-style style:name="Lettered">
    <text:list-level-style-number text:level="1" style:num-prefix="(" style:num-suffix=")" style:num-format="a"/>
  </text:list-style>
  <text:list-style style:name="Bullets">
    <text:list-level-style-bullet text:level="1" text:bullet-char="•"/>
  </text:list-style>
</office:styles>`;

export function noteAsFlatOdt(note: NoteStructure): string {
  let noteId = 0;
  const withNotes = (text: string, footnotes: Footnote[]) =>
    escape(text) +
    footnotes
      .map((footnote) => {
        noteId += 1;
        return `<text:note text:id="ftn${noteId}" text:note-class="footnote"><text:note-citation>${noteId}</text:note-citation><text:note-body><text:p text:style-name="Footnote">${escape(footnote.text)}</text:p></text:note-body></text:note>`;
      })
      .join('');
  const p = (text: string) => `<text:p text:style-name="Standard">${text}</text:p>`;
  const table = (name: string, rows: string[][]) => {
    const columns = Math.max(...rows.map((row) => row.length));
    const cells = (row: string[]) => Array.from({ length: columns }, (_, index) => `<table:table-cell office:value-type="string">${(row[index] ?? '').split('\n').map((line) => p(escape(line))).join('')}</table:table-cell>`).join('');
    return `<table:table table:name="${name}"><table:table-column table:number-columns-repeated="${columns}"/>${rows.map((row) => `<table:table-row>${cells(row)}</table:table-row>`).join('')}</table:table>`;
  };

  let paragraphListStarted = false;
  let tables = 0;
  const render = (items: Item[]): string => {
    const out: string[] = [];
    for (let index = 0; index < items.length; index += 1) {
      const item = items[index]!;
      switch (item.kind) {
        case 'heading': {
          const level = Math.min(item.level, 4);
          out.push(`<text:h text:style-name="Heading_20_${level}" text:outline-level="${level}">${escape(item.number !== undefined ? `${item.number}. ${item.text}` : item.text)}</text:h>`);
          break;
        }
        case 'paragraph': {
          if (item.number === undefined) {
            out.push(p(withNotes(item.text, item.footnotes)));
            break;
          }
          // The paragraph and the lettered items right after it, as one item of the paragraphs' list.
          const lettered: Extract<Item, { kind: 'item' }>[] = [];
          while (items[index + 1]?.kind === 'item' && /^\([a-z]{1,2}\)$/.test((items[index + 1] as { marker: string }).marker) && (items[index + 1] as { marker: string }).marker === `(${letter(lettered.length + 1)})`) {
            lettered.push(items[index + 1] as Extract<Item, { kind: 'item' }>);
            index += 1;
          }
          const nested = lettered.length
            ? `<text:list>${lettered.map((entry) => `<text:list-item>${p(withNotes(entry.text, entry.footnotes))}</text:list-item>`).join('')}</text:list>`
            : '';
          const list = paragraphListStarted ? `text:continue-list="paragraphs"` : `xml:id="paragraphs"`;
          paragraphListStarted = true;
          out.push(`<text:list ${list} text:style-name="Paragraphs"><text:list-item>${p(withNotes(item.text, item.footnotes))}${nested}</text:list-item></text:list>`);
          break;
        }
        case 'item': {
          const lettered = /^\(([a-z]{1,2})\)$/.exec(item.marker);
          if (lettered) {
            let value = 1;
            while (letter(value) !== lettered[1] && value < 60) value += 1;
            const start = value > 1 ? ` text:start-value="${value}"` : '';
            out.push(`<text:list text:style-name="Lettered"><text:list-item${start}>${p(withNotes(item.text, item.footnotes))}</text:list-item></text:list>`);
          } else if (/^[-•·●▪◦]$/.test(item.marker)) {
            out.push(`<text:list text:style-name="Bullets"><text:list-item>${p(withNotes(item.text, item.footnotes))}</text:list-item></text:list>`);
          } else {
            out.push(p(withNotes(`${item.marker} ${item.text}`, item.footnotes)));
          }
          break;
        }
        case 'table':
          tables += 1;
          out.push(p(escape(item.label)), p(escape(item.title)), table(`Table${tables}`, item.rows));
          break;
        case 'figure':
          out.push(p(escape(item.label)), p(escape(item.title)));
          break;
      }
    }
    return out.join('\n');
  };

  const masthead = table('Masthead', [
    [note.masthead.left[0] ?? '', note.symbols.join('\n')],
    [note.masthead.left.slice(1).join('\n'), note.masthead.right.join('\n')],
  ]);
  const front = render(note.front);
  const chapters = [...note.front, ...note.body].filter((item): item is Extract<Item, { kind: 'heading' }> => item.kind === 'heading' && item.scheme === 'zh');
  const contents = `${p('目录')}${table('Contents', [['', '页次'], ...chapters.map((chapter, index) => [`${chapter.number ? `${chapter.number}. ` : ''}${chapter.text}`, String(3 + index * 2)])])}`;
  const body = render(note.body);
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
${STYLES}
<office:body><office:text>
${masthead}
${front}
${contents}
${body}
</office:text></office:body></office:document>
`;
}
