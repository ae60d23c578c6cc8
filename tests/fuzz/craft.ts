/**
 * Hostile files made by hand for the input tests and the fuzz suite (docs/security.md "Inputs"):
 * zips whose directory lies about sizes, hides entries between others, or inflates a thousand
 * times over; CSV with endless lines and stray quotes. A zip is written byte by byte here because
 * no zip library writes a lie.
 */
import zlib from 'node:zlib';

export interface RawEntry {
  name: string;
  /** The entry's content (deflated here unless `compressed` is given). */
  data?: Buffer;
  /** Already deflated bytes, and the size they inflate to. */
  compressed?: { bytes: Buffer; size: number };
  /** Stored rather than deflated. */
  stored?: boolean;
  /** The inflated size the headers declare, when it should differ from the truth. */
  declare?: number;
  /** Written as a local entry but left out of the central directory. */
  hidden?: boolean;
}

/** A zip of `entries`, in order, with a central directory of those not hidden. */
export function rawZip(entries: RawEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let at = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const data = e.data ?? Buffer.alloc(0);
    const body = e.compressed ? e.compressed.bytes : e.stored ? data : zlib.deflateRawSync(data);
    const size = e.declare ?? (e.compressed ? e.compressed.size : data.length);
    const crc = e.compressed ? 0 : zlib.crc32(data);
    const method = e.stored && !e.compressed ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, body);
    if (!e.hidden) {
      const c = Buffer.alloc(46);
      c.writeUInt32LE(0x02014b50, 0);
      c.writeUInt16LE(20, 4);
      c.writeUInt16LE(20, 6);
      c.writeUInt16LE(0x800, 8);
      c.writeUInt16LE(method, 10);
      c.writeUInt32LE(crc, 16);
      c.writeUInt32LE(body.length, 20);
      c.writeUInt32LE(size, 24);
      c.writeUInt16LE(name.length, 28);
      c.writeUInt32LE(at, 42);
      central.push(c, name);
    }
    at += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const n = entries.filter((e) => !e.hidden).length;
  end.writeUInt16LE(n, 8);
  end.writeUInt16LE(n, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(at, 16);
  return Buffer.concat([...parts, cd, end]);
}

/**
 * `size` bytes of one repeated letter, deflated (a thousandth of the size or less): a megabyte's block, flushed so that it
 * does not end the stream, repeated, then an empty final block — a valid deflate stream made without inflating memory.
 */
export function deflatedZeros(size: number): { bytes: Buffer; size: number } {
  const MB = 1 << 20;
  const block = zlib.deflateRawSync(Buffer.alloc(MB, 0x41), { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const whole = Math.floor(size / MB);
  const rest = size - whole * MB;
  const parts: Buffer[] = new Array<Buffer>(whole).fill(block);
  if (rest) parts.push(zlib.deflateRawSync(Buffer.alloc(rest, 0x41), { finishFlush: zlib.constants.Z_SYNC_FLUSH }));
  parts.push(zlib.deflateRawSync(Buffer.alloc(0)));
  return { bytes: Buffer.concat(parts), size };
}

/** The parts of an XLSX exceljs needs, around a worksheet; `sheet` replaced by a bomb in the tests. */
export function xlsxParts(sheet: RawEntry): RawEntry[] {
  const x = (s: string) => Buffer.from(s, 'utf8');
  return [
    {
      name: '[Content_Types].xml',
      data: x(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/></Types>',
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: x(
        '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: x(
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
    },
    sheet,
  ];
}
