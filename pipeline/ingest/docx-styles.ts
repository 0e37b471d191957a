/**
 * Word's paragraph styles (word/styles.xml), resolved along their basedOn chains: what a paragraph of a style
 * inherits when it says nothing itself (its numbering, outline level, boldness).
 */
import { child, childElements, toggle, val, type XmlElement } from './ooxml.js';

/** A paragraph's reference to a list: which numbering instance, at which level (either may come from its style). */
export interface NumberingReference {
  numId?: string;
  ilvl?: number;
}

export interface ParagraphStyle {
  id: string;
  /** The style's name as Word shows it ("heading 1", "List Paragraph"). */
  name: string;
  numbering?: NumberingReference;
  /** 0-based outline level (a heading level less one); 9 is body text. */
  outlineLevel?: number;
  bold?: boolean;
}

interface StyleDefinition {
  id: string;
  name: string;
  basedOn?: string;
  numbering?: NumberingReference;
  outlineLevel?: number;
  bold?: boolean;
}

export function numberingReference(paragraphProperties: XmlElement | undefined): NumberingReference | undefined {
  const numPr = child(paragraphProperties, 'w:numPr');
  if (!numPr) return undefined;
  const reference: NumberingReference = {};
  const numId = val(numPr, 'w:numId');
  if (numId !== undefined) reference.numId = numId;
  const ilvl = val(numPr, 'w:ilvl');
  if (ilvl !== undefined) reference.ilvl = Number(ilvl);
  return reference;
}

export function outlineLevel(paragraphProperties: XmlElement | undefined): number | undefined {
  const level = val(paragraphProperties, 'w:outlineLvl');
  return level === undefined ? undefined : Number(level);
}

export class StyleSheet {
  private readonly definitions = new Map<string, StyleDefinition>();
  private readonly resolved = new Map<string, ParagraphStyle>();
  readonly defaultParagraphStyle?: string;

  constructor(styles: XmlElement | null) {
    let defaultStyle: string | undefined;
    for (const style of styles ? childElements(styles, 'w:style') : []) {
      // Numbering styles are read too: a list definition may stand for the one a numbering style points to.
      if (style.attributes['w:type'] !== 'paragraph' && style.attributes['w:type'] !== 'numbering') continue;
      const id = style.attributes['w:styleId'] ?? '';
      const properties = child(style, 'w:pPr');
      this.definitions.set(id, {
        id,
        name: val(style, 'w:name') ?? id,
        basedOn: val(style, 'w:basedOn'),
        numbering: numberingReference(properties),
        outlineLevel: outlineLevel(properties),
        bold: toggle(child(style, 'w:rPr'), 'w:b'),
      });
      const isDefault = ['1', 'true', 'on'].includes(style.attributes['w:default'] ?? '');
      if (isDefault && style.attributes['w:type'] === 'paragraph') defaultStyle = id;
    }
    this.defaultParagraphStyle = defaultStyle;
  }

  /** The style with what it inherits filled in; undefined for an unknown id. */
  style(id: string | undefined): ParagraphStyle | undefined {
    if (id === undefined) return undefined;
    const cached = this.resolved.get(id);
    if (cached) return cached;
    const chain: StyleDefinition[] = [];
    for (let at = this.definitions.get(id); at && !chain.includes(at); at = at.basedOn ? this.definitions.get(at.basedOn) : undefined) chain.push(at);
    if (chain.length === 0) return undefined;
    const pick = <K extends keyof StyleDefinition>(key: K) => chain.find((definition) => definition[key] !== undefined)?.[key];
    const style: ParagraphStyle = { id, name: chain[0]!.name };
    const numbering = pick('numbering') as NumberingReference | undefined;
    if (numbering) style.numbering = numbering;
    const level = pick('outlineLevel') as number | undefined;
    if (level !== undefined) style.outlineLevel = level;
    const bold = pick('bold') as boolean | undefined;
    if (bold !== undefined) style.bold = bold;
    this.resolved.set(id, style);
    return style;
  }

  /**
   * A heading level (1-based) from the style's name ("heading 2", "Heading2", "标题 2") or its outline level.
   * Word's built-in heading styles keep their English names in the file whatever the interface language.
   */
  headingLevel(id: string | undefined): number | undefined {
    const style = this.style(id);
    if (!style) return undefined;
    const named = /^(?:heading|标题)\s*([1-9])$/i.exec(style.name.trim());
    if (named) return Number(named[1]);
    return style.outlineLevel !== undefined && style.outlineLevel < 9 ? style.outlineLevel + 1 : undefined;
  }
}
