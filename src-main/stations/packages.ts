/**
 * Station packages (docs/rules/workstations.md "Packages", docs/stations.md): the package format of
 * exchange/package.ts, encrypted, with the sender, the recipient, the sequence number and the
 * previous package's hash in the manifest's `meta.station` — which the manifest's MAC covers, so a
 * re-addressed or re-numbered copy is refused as tampered — and the audit head anchored. The
 * records travel as one JSON-lines file, written and read a line at a time (a 20,000-household slice
 * never sits in memory as one string).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { z } from 'zod';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { auditHead } from '../audit/audit';
import { AppError, appError } from '../common/errors';
import { officeOf } from '../office/office';
import { makeTempDir } from '../shared/temp-files';
import { openPackage, writePackage, type Manifest } from '../exchange/package';
import { version as APP_VERSION } from '../../package.json';

export const STATION_KINDS = ['enrol', 'up', 'down'] as const;
export type StationKind = (typeof STATION_KINDS)[number];

export const stationMetaSchema = z.object({
  sender: z.string().min(1).max(40),
  recipient: z.string().min(1).max(40),
  seq: z.number().int().min(0),
  prev: z.string().max(64).nullable(),
  kind: z.enum(STATION_KINDS),
});
export type StationMeta = z.infer<typeof stationMetaSchema>;

const RECORDS = 'records.jsonl';

/** Lines of JSON written to a private temporary file, buffered. */
export class RecordWriter {
  readonly dir = makeTempDir('station-out');
  readonly file = path.join(this.dir, RECORDS);
  private fd = fs.openSync(this.file, 'w', 0o600);
  private buf: string[] = [];
  private size = 0;
  readonly counts: Record<string, number> = {};

  add(kind: string, record: object): void {
    const line = JSON.stringify({ k: kind, ...record });
    this.buf.push(line);
    this.size += line.length;
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
    if (this.size > 1 << 20) this.flush();
  }
  private flush(): void {
    if (this.buf.length) fs.writeSync(this.fd, this.buf.join('\n') + '\n');
    this.buf = [];
    this.size = 0;
  }
  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }
  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Writes the package folder and answers its hash (the SHA-256 of its manifest, which lists every file's). */
export async function writeStationPackage(
  raw: BetterSqlite3.Database,
  dir: string,
  records: RecordWriter,
  meta: StationMeta,
  passphrase: string,
  createdBy: string,
  now: Date,
): Promise<{ manifest: Manifest; hash: string }> {
  records.close();
  const office = officeOf(raw);
  const manifest = await writePackage(
    dir,
    [{ name: RECORDS, path: records.file }],
    {
      kind: `station-${meta.kind}`,
      office: office ? { name: office.name, county: office.county, regionCode: office.regionCode } : null,
      createdAt: now.toISOString(),
      createdBy,
      appVersion: APP_VERSION,
      counts: records.counts,
      meta: { auditHead: auditHead(raw), station: meta } as Manifest['meta'], // meta is an open record: `station` rides inside the MAC
    },
    passphrase,
  );
  return { manifest, hash: hashOfManifest(dir) };
}

const hashOfManifest = (dir: string) =>
  crypto
    .createHash('sha256')
    .update(fs.readFileSync(path.join(dir, 'manifest.json')))
    .digest('hex');

/** Failures of verification that mean the package is not as its sender wrote it. */
const TAMPERED = new Set([
  'package_passphrase',
  'package_missing_file',
  'package_unexpected_file',
  'package_truncated',
  'package_corrupt',
  'package_no_manifest',
]);

export interface OpenedStationPackage {
  meta: StationMeta;
  manifest: Manifest;
  hash: string;
  /** Every record, a line at a time, read from the decrypted copy. */
  records(): Generator<Record<string, unknown> & { k: string }>;
  cleanup(): void;
}

export function metaOf(m: Manifest): StationMeta {
  const r = stationMetaSchema.safeParse((m.meta as Record<string, unknown> | undefined)?.station);
  if (!r.success || m.kind !== `station-${r.data.kind}`)
    throw appError('package_not_station', 'This is not a package between stations.', '这不是工作站之间的数据包。', 'package');
  return r.data;
}

/**
 * Verifies everything (manifest MAC under the key `keyFor` answers for its addresses, every file's
 * size, SHA-256 and GCM tag) and decrypts the records into a private temporary folder.
 */
export async function openStationPackage(target: string, keyFor: (meta: StationMeta) => string): Promise<OpenedStationPackage> {
  let opened;
  try {
    opened = await openPackage(target, (m) => keyFor(metaOf(m)));
  } catch (e) {
    if (e instanceof AppError && TAMPERED.has(e.code))
      throw appError(
        'package_tampered',
        `The package was altered or forged: ${e.message}`,
        `数据包已被改动或伪造：${e.message}`,
        'package',
      );
    throw e;
  }
  const tmp = makeTempDir('station-in');
  const cleanup = () => {
    opened.cleanup();
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  try {
    const file = path.join(tmp, RECORDS);
    await opened.extract(RECORDS, file);
    const hash = hashOfManifest(opened.dir);
    return { meta: metaOf(opened.manifest), manifest: opened.manifest, hash, records: () => readLines(file), cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}

/** Synchronous: an import applies inside one better-sqlite3 transaction, which cannot await. */
function* readLines(file: string): Generator<Record<string, unknown> & { k: string }> {
  const fd = fs.openSync(file, 'r');
  const chunk = Buffer.alloc(1 << 20);
  const utf8 = new StringDecoder('utf8'); // a character split across two chunks stays whole
  let rest = '';
  try {
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      const text = rest + utf8.write(chunk.subarray(0, n));
      const lines = text.split('\n');
      rest = lines.pop() ?? '';
      for (const l of lines) if (l) yield JSON.parse(l) as Record<string, unknown> & { k: string };
    }
    if (rest) yield JSON.parse(rest) as Record<string, unknown> & { k: string };
  } finally {
    fs.closeSync(fd);
  }
}
