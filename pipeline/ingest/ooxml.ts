/**
 * The parts of an Office Open XML package (a DOCX) as element trees. WordprocessingML elements are named
 * "w:local" whatever prefix the file binds to Word's namespace, so that readers can match names.
 */
import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}
/** Text content is a string child. */
export type XmlNode = XmlElement | string;

const WORD_NAMESPACES = new Set([
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  'http://purl.oclc.org/ooxml/wordprocessingml/main',
]);

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  // Spaces in a run's text are the document's spaces.
  trimValues: false,
  // Character references ("&#8211;") are text; without this the parser keeps them as written.
  htmlEntities: true,
});

type Parsed = Record<string, unknown> & { ':@'?: Record<string, string> };

/** The package's parts by name; a file that is not a ZIP archive throws. */
export async function openPackage(bytes: Buffer): Promise<JSZip> {
  return JSZip.loadAsync(bytes);
}

/** The root element of a part, or null when the package has no such part. */
export async function readPart(pkg: JSZip, path: string): Promise<XmlElement | null> {
  const file = pkg.file(path);
  if (!file) return null;
  const parsed = parser.parse(await file.async('string')) as Parsed[];
  const root = parsed.find((node) => !Object.keys(node).some((key) => key.startsWith('?') || key === '#text'));
  if (!root) throw new Error(`${path} has no root element`);
  const declarations = root[':@'] ?? {};
  const wordPrefixes = new Set(
    Object.entries(declarations)
      .filter(([name, uri]) => name.startsWith('xmlns') && WORD_NAMESPACES.has(uri))
      .map(([name]) => (name === 'xmlns' ? '' : name.slice('xmlns:'.length))),
  );
  const rename = (qualified: string): string => {
    const colon = qualified.indexOf(':');
    const prefix = colon < 0 ? '' : qualified.slice(0, colon);
    return wordPrefixes.has(prefix) ? `w:${qualified.slice(colon + 1)}` : qualified;
  };
  const convert = (node: Parsed): XmlNode => {
    const name = Object.keys(node).find((key) => key !== ':@')!;
    if (name === '#text') return String(node[name]);
    const attributes: Record<string, string> = {};
    for (const [key, value] of Object.entries(node[':@'] ?? {})) attributes[rename(key)] = value;
    return { name: rename(name), attributes, children: (node[name] as Parsed[]).map(convert) };
  };
  return convert(root) as XmlElement;
}

export function isElement(node: XmlNode): node is XmlElement {
  return typeof node !== 'string';
}

/** The element's child elements, of one name when given. */
export function childElements(element: XmlElement, name?: string): XmlElement[] {
  return element.children.filter((node): node is XmlElement => isElement(node) && (name === undefined || node.name === name));
}

export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((node): node is XmlElement => isElement(node) && node.name === name);
}

/** A Word property's value: `<w:numFmt w:val="decimal"/>` gives "decimal". */
export function val(element: XmlElement | undefined, name: string): string | undefined {
  return child(element, name)?.attributes['w:val'];
}

/** A toggle property (`<w:b/>`, `<w:b w:val="0"/>`): undefined when absent. */
export function toggle(element: XmlElement | undefined, name: string): boolean | undefined {
  const property = child(element, name);
  if (!property) return undefined;
  const value = property.attributes['w:val'];
  return value === undefined || !['0', 'false', 'off'].includes(value);
}

/** Every descendant element of a name, in document order. */
export function descendants(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (node: XmlElement) => {
    for (const childNode of childElements(node)) {
      if (childNode.name === name) found.push(childNode);
      visit(childNode);
    }
  };
  visit(element);
  return found;
}
