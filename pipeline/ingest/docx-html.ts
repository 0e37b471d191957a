/**
 * mammoth renders a DOCX as simple HTML; this turns it into the line-based text the segmenter reads,
 * keeping what Word knew and plain text does not: headings, bullets, table cells, footnotes.
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name]!);
}

function inlineText(html: string, keepIndent = false): string {
  return decodeEntities(
    html
      // A footnote reference: keep the bare number where the mark stood.
      .replace(/<sup><a href="#(?:foot|end)note-\d+"[^>]*>\[(\d+)\]<\/a><\/sup>/g, '$1')
      .replace(/<br\s*\/?>/g, ' ')
      .replace(/<[^>]+>/g, ''),
  )[keepIndent ? 'trimEnd' : 'trim']();
}

export function docxHtmlToText(html: string): string {
  const lines: string[] = [];
  const block = /<(h[1-6]|p|li|tr)(?:\s[^>]*)?>([\s\S]*?)<\/\1>/g;
  // Footnotes come last as a list of <li id="footnote-N">; render them as marked footnote lines.
  const footnoteList = /<ol>\s*(<li id="(?:foot|end)note-[\s\S]*)<\/ol>\s*$/.exec(html);
  const body = footnoteList ? html.slice(0, footnoteList.index) : html;
  for (const match of body.matchAll(block)) {
    const [, tag, inner] = match as unknown as [string, string, string];
    if (tag === 'tr') {
      const cells = [...inner.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((cell) => inlineText(cell[1]!));
      lines.push(cells.join('\t'));
    } else if (tag.startsWith('h')) {
      lines.push(`${'#'.repeat(Number(tag[1]))} ${inlineText(inner)}`);
    } else if (tag === 'li') {
      lines.push(`• ${inlineText(inner)}`);
    } else if (!/<t[dh][\s>]/.test(inner)) {
      // Leading blanks stay: in text copied from a PDF they mark the first line of a page.
      const text = inlineText(inner, true);
      if (text.trim()) lines.push(text);
    }
  }
  if (footnoteList) {
    for (const note of footnoteList[1]!.matchAll(/<li id="(?:foot|end)note-(\d+)">([\s\S]*?)<\/li>/g)) {
      lines.push(`<sup>${note[1]}</sup> ${inlineText(note[2]!.replace(/<a href="#(?:foot|end)note-ref-\d+">↑<\/a>/g, ''))}`);
    }
  }
  return lines.join('\n\n') + '\n';
}
