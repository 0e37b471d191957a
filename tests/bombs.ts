/**
 * Hostile inputs made on the spot (too big to commit): a DOCX whose document.xml inflates to hundreds of MiB
 * from a file of a few hundred KiB, written as Word's ZIP container is (local headers, central directory).
 */
import { createDeflateRaw, crc32 } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const MIB = 1024 * 1024;

interface Part {
  name: string;
  data: Buffer;
  size: number;
  crc: number;
}

async function deflatePart(name: string, chunks: Iterable<Buffer>): Promise<Part> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  let size = 0;
  let crc = 0;
  for (const chunk of chunks) {
    size += chunk.length;
    crc = crc32(chunk, crc);
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return { name, data: Buffer.concat(out), size, crc };
}

function zip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(part.crc >>> 0, 14);
    local.writeUInt32LE(part.data.length, 18);
    local.writeUInt32LE(part.size, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(part.crc >>> 0, 16);
    entry.writeUInt32LE(part.data.length, 20);
    entry.writeUInt32LE(part.size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, part.data);
    central.push(entry, name);
    offset += local.length + name.length + part.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

/** A DOCX whose word/document.xml is about `inflatedMib` MiB of paragraphs; returns the file's size in bytes. */
export async function writeDocxBomb(path: string, inflatedMib: number): Promise<number> {
  const paragraph = '<w:p><w:r><w:t>Technical assistance needs identified</w:t></w:r></w:p>';
  const block = Buffer.from(paragraph.repeat(Math.floor((64 * 1024) / paragraph.length)));
  function* body() {
    yield Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>');
    for (let i = 0; i < Math.ceil((inflatedMib * MIB) / block.length); i++) yield block;
    yield Buffer.from('</w:body></w:document>');
  }
  const parts = [
    await deflatePart('[Content_Types].xml', [Buffer.from(CONTENT_TYPES)]),
    await deflatePart('_rels/.rels', [Buffer.from(RELS)]),
    await deflatePart('word/document.xml', body()),
  ];
  const bytes = zip(parts);
  writeFileSync(path, bytes);
  return bytes.length;
}
