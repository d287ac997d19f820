import { constants, deflateRawSync } from 'node:zlib';

/**
 * Hand-made XLSX archives for the reader's tests, hostile ones included: each part is given as raw XML or
 * as deflated bytes with the size it should declare (which may lie). No CRC: the reader does not check it.
 */
export interface Part {
  name: string;
  /** Deflated bytes, or XML text deflated here. */
  data: Buffer | string;
  /** Uncompressed size written in the archive (defaults to the real one when `data` is a string). */
  declaredSize?: number;
}

export function zip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const data = typeof part.data === 'string' ? deflateRawSync(Buffer.from(part.data)) : part.data;
    const size = part.declaredSize ?? (typeof part.data === 'string' ? Buffer.byteLength(part.data) : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * Deflated bytes of `head + body × times + tail` without ever holding the inflated text: each piece is
 * compressed on its own and ends on a full flush, so the pieces can be concatenated (a zip bomb).
 */
export function deflateRepeated(head: string, body: string, times: number, tail: string): Buffer {
  const piece = (s: string, last = false) =>
    deflateRawSync(Buffer.from(s), { finishFlush: last ? constants.Z_FINISH : constants.Z_FULL_FLUSH });
  const repeated = piece(body);
  return Buffer.concat([piece(head), ...Array.from({ length: times }, () => repeated), piece(tail, true)]);
}

const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  '<sheets><sheet name="Réponses" sheetId="1" r:id="rId1"/></sheets></workbook>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '</Relationships>';

export const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>' +
  '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
export const SHEET_TAIL = '</sheetData></worksheet>';

/** A one-sheet workbook around the given sheet part (XML text or deflated bytes). */
export function workbookWith(sheet: Buffer | string, declaredSize?: number, extra: Part[] = []): Buffer {
  return zip([
    { name: 'xl/workbook.xml', data: WORKBOOK },
    { name: 'xl/_rels/workbook.xml.rels', data: RELS },
    ...extra,
    { name: 'xl/worksheets/sheet1.xml', data: sheet, ...(declaredSize === undefined ? {} : { declaredSize }) },
  ]);
}
