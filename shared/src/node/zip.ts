import { createInflateRaw } from 'node:zlib';

/**
 * Just enough of the ZIP format to read an XLSX file held in memory, with every cost bounded: the central
 * directory gives each part's place and declared size, a part is inflated only when asked for, as a
 * stream, and inflation stops as soon as it passes its limit (the declared size may lie). Nothing is
 * written to disk. ZIP64 and encryption are refused (an XLSX file of Trame's size needs neither).
 */

export class ZipError extends Error {
  constructor(
    readonly kind: 'unreadable' | 'too-large',
    message: string,
  ) {
    super(message);
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
const CHUNK = 256 * 1024;

const unreadable = (why: string) => new ZipError('unreadable', why);

/** The entries of the archive, by lower-cased name (OOXML part names are case-insensitive). */
export function readZipDirectory(buf: Buffer, maxEntries: number): Map<string, ZipEntry> {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw unreadable('ce n’est pas une archive ZIP');
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  const offset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw unreadable('archive ZIP64');
  if (count > maxEntries) throw new ZipError('too-large', `${count} parties dans l’archive (${maxEntries} au plus)`);
  if (offset + size > eocd) throw unreadable('répertoire de l’archive tronqué');
  const entries = new Map<string, ZipEntry>();
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CENTRAL) throw unreadable('répertoire de l’archive abîmé');
    const nameLength = buf.readUInt16LE(p + 28);
    const entry: ZipEntry = {
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLength),
    };
    entries.set(entry.name.toLowerCase(), entry);
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return entries;
}

/**
 * The inflated bytes of one entry, chunk by chunk. Throws a `too-large` ZipError before reading when the
 * declared size passes `maxBytes`, and while inflating as soon as the actual output does.
 */
export async function* inflateEntry(buf: Buffer, entry: ZipEntry, maxBytes: number): AsyncGenerator<Buffer> {
  const tooLarge = () =>
    new ZipError(
      'too-large',
      `la partie ${entry.name} dépasse ${Math.round(maxBytes / (1024 * 1024))} Mo une fois décompressée`,
    );
  if (entry.size > maxBytes) throw tooLarge();
  if (entry.flags & 1) throw unreadable('archive chiffrée');
  const p = entry.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL) throw unreadable(`partie ${entry.name} introuvable`);
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const end = start + entry.compressedSize;
  if (end > buf.length) throw unreadable(`partie ${entry.name} tronquée`);
  const data = buf.subarray(start, end);
  if (entry.method === STORED) {
    if (data.length > maxBytes) throw tooLarge();
    for (let i = 0; i < data.length; i += CHUNK) yield data.subarray(i, i + CHUNK);
    return;
  }
  if (entry.method !== DEFLATED) throw unreadable(`méthode de compression ${entry.method} non prise en charge`);
  const inflate = createInflateRaw({ chunkSize: CHUNK });
  inflate.end(data);
  let total = 0;
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) throw tooLarge();
      yield chunk;
    }
  } catch (e) {
    if (e instanceof ZipError) throw e;
    throw unreadable(`partie ${entry.name} abîmée`);
  } finally {
    inflate.destroy();
  }
}
