/**
 * The reading side of an import (docs/rules/assistance.md §6): the rows of a file — or of the
 * share of it `plan.range` names — read, validated and matched to the registry, and handed on
 * a part at a time (a piece of text, ./tuning.ts READ_CHUNK). Reading decides everything a row
 * needs: its ID number and fields, its person (./persons.ts), a refusal for want of an
 * authorisation, a name that differs, whether it is a candidate for a warning (those three asked
 * of monitoring). It writes nothing, so a large file's share runs in a thread of its own
 * (./rows-thread.ts) while the import's thread writes the parts (./stage.ts).
 */
import type { Candidate, DepartmentRules, PendingWarning } from '../monitoring/department-rules';
import { authorisationCovers, candidateRule, namesDiffer, refusalReason } from '../monitoring/department-rules';
import type { FeedbackRow } from '../referrals/records';
import { maskIdNumber } from '../common/id-number';
import { collectGarbage } from '../shared/gc';
import { checkIdCell, feedbackId, halfWidth, MASKED_ID } from './normalize';
import { PartPacker } from './packed';
import { PersonIndex, UnknownPersons, type UnknownPersonsParts } from './persons';
import { profileOf, type RowValues, type Staged } from './profiles';
import { readTable, type Batch, type CsvRange, type Encoding, type Format } from './read-table';
import { WAITING } from './tuning';

export interface StageJob {
  importId: number;
  file: string;
  format: Format;
  encoding: Encoding | null;
  source: string;
  /** Row number of the header; rows above it are titles. */
  headerRow: number;
  header: string[];
  /** field key → column index */
  index: Record<string, number>;
  today: string;
}

/** A row's problem, for `exchange_rejects`: the column as the file names it, the reason in both languages. */
export interface Reject {
  row: number;
  column: string;
  zh: string;
  en: string;
}

/** A row of a referral-feedback file, for the referrals it reports on; `slot` is its person's, −1 when not in the registry. */
export type FeedbackCandidate = FeedbackRow & { slot: number };

/** What reading one part of the file gives the writer. */
export interface Part {
  /** The rows of the file the part covers, blank and title rows included: its key in `exchange_row_parts`. */
  first: number;
  last: number;
  /** The matched rows (refused ones too), packed (./packed.ts): moved to the writer's thread, not copied. */
  n: number;
  data: Uint8Array;
  rejects: Reject[];
  /** Household id and row of each matched row, in pairs: the household index that apply writes. */
  pairs: Int32Array;
  candidates: Candidate[];
  feedback: FeedbackCandidate[];
  /** The warnings its candidates raise, if the reader decided them (`prepareRows` with rules), in row order. */
  pending: PendingWarning[] | null;
  /** Rows read (not blank, below the header) and accepted (valid, not refused) in this part. */
  rowsRead: number;
  accepted: number;
  bytesPerRow: number;
  /** A split range only: the file's bytes read up to the end of this part (read-table.ts Batch.endByte), else -1. */
  endByte: number;
}

export interface RowsPlan {
  job: StageJob;
  /** The file's date: an authorisation signed after it does not cover the file. */
  fileDate: string;
  /** Referral feedback: every accepted row goes to the referrals module, none is a finding. */
  feedback: boolean;
  /** The share of the file this reader reads, or null for all of it. */
  range: CsvRange | null;
}

export interface RowsEnd {
  unknown: UnknownPersonsParts;
}

/** The person index, when it may still be in the making (built by the writer while the reader starts): `now` if it is there, or `wait` for it. */
export interface PersonSource {
  now(): PersonIndex | null;
  wait(): PersonIndex;
}

/** A validated row waiting for the person index. */
interface Checked {
  row: number;
  idNumber: string;
  name: string | null;
  staged: Staged;
}
/** A part read before the person index came: validated, matched when it comes. */
interface Waiting {
  first: number;
  last: number;
  endByte: number;
  checked: Checked[];
  rejects: Reject[];
  read: number;
  accepted: number;
}

/**
 * A copy of a string that shares no memory with the text it was cut from: V8 makes a cell of 13 characters or more a slice of
 * its part of the file, and a candidate kept for apply would keep the whole part alive. Concatenating flattens into a new string.
 */
const own = <T extends string | null>(s: T): T => (s === null || s.length < 13 ? s : (' ' + s).slice(1)) as T;

/** An empty record (papaparse gives [''] for a blank line) or one of blank cells. */
function blank(cells: string[]): boolean {
  for (let i = 0; i < cells.length; i++) if (cells[i].trim() !== '') return false;
  return true;
}

/**
 * Reads, validates and matches the rows of the file (or of `plan.range`), handing each part to `emit` (false = stop). Writes
 * nothing. With a `PersonSource`, parts validated before the index comes wait, in order — WAITING at most, then the reader waits
 * too — and are matched and handed on as soon as it is there. With `rulesOf`, each part's warnings are decided as it goes.
 */
export async function prepareRows(
  plan: RowsPlan,
  persons: PersonIndex | PersonSource,
  emit: (p: Part) => boolean,
  rulesOf: ((persons: PersonIndex) => DepartmentRules) | null = null,
): Promise<RowsEnd | null> {
  const { job } = plan;
  const p = profileOf(job.source);
  const source: PersonSource = persons instanceof PersonIndex ? { now: () => persons, wait: () => persons } : persons;
  let index: PersonIndex | null = null;
  const unknownPersons = new UnknownPersons();
  const idCol = job.index.idNumber;
  const nameCol = job.index.name;
  const resultCol = plan.feedback ? job.index.result : undefined;
  const fields = Object.entries(job.index).filter(([k]) => k !== 'idNumber');
  const fieldKeys = fields.map(([k]) => k),
    fieldCols = fields.map(([, c]) => c);
  const colName = (key: string) => job.header[job.index[key]] ?? key;
  const idHeader = colName('idNumber');
  const fileDate = Number(plan.fileDate.replaceAll('-', ''));
  const needsAuthorisation = p.needsAuthorisation && !plan.feedback;
  let bytesPerRow = 0,
    stopped = false;
  // One values object for every row, its keys set once: a profile reads it and keeps nothing of it.
  const v: RowValues = {};
  for (const k of fieldKeys) v[k] = '';

  // The part being built.
  const packed = new PartPacker();
  let pairs: number[] = [],
    candidates: Candidate[] = [],
    feedback: FeedbackCandidate[] = [],
    rejects: Reject[] = [],
    read = 0,
    accepted = 0;
  const feedbackOf = (row: number, slot: number, idNumber: string, s: Staged): FeedbackCandidate => {
    const f = s.feedback!;
    return {
      row,
      slot,
      referralNumber: own(f.referralNumber),
      idNumber: own(idNumber),
      result: f.result,
      amountFen: s.amountFen,
      item: own(f.item),
      date: s.eventDate!,
      reason: own(f.reason),
    };
  };
  const match = (persons: PersonIndex, row: number, idNumber: string, name: string | null, s: Staged) => {
    const slot = persons.find(idNumber);
    if (slot < 0 && !MASKED_ID.test(idNumber)) unknownPersons.add(idNumber, name, row);
    if (plan.feedback) {
      accepted++;
      feedback.push(feedbackOf(row, slot, idNumber, s));
      return;
    }
    if (slot < 0) {
      accepted++;
      return;
    }
    const refused = needsAuthorisation && !authorisationCovers(persons.authorisedOn[slot], fileDate);
    if (refused) {
      const why = refusalReason(persons.nameOf(slot), maskIdNumber(idNumber), plan.fileDate);
      rejects.push({ row, column: idHeader, zh: why.zh, en: why.en });
    } else {
      accepted++;
      persons.seen[slot] = 1;
    }
    packed.add(row, idNumber, name, persons.memberIds[slot], s, refused);
    pairs.push(persons.householdIds[slot], row);
    if (refused) return;
    // The index compares exactly (no string made); only a name that differs so is asked about.
    const differs = name !== null && persons.nameDiffers(slot, name) && namesDiffer(name, persons.nameOf(slot));
    const rule = candidateRule(s);
    if (rule === null && !differs) return;
    candidates.push({
      row,
      slot,
      idNumber: own(idNumber),
      name: own(name),
      category: own(s.category),
      eventDate: own(s.eventDate),
      evidenceKey: own(s.evidenceKey),
      amountFen: s.amountFen,
      detail: own(s.detail),
      rule,
      nameDiffers: differs,
    });
  };
  let rules: DepartmentRules | null = null;
  const hand = (first: number, last: number, endByte: number): boolean => {
    let decided: PendingWarning[] | null = null;
    if (rulesOf) {
      rules ??= rulesOf(index!);
      decided = [];
      for (const c of candidates) rules.evaluate(c, decided);
    }
    const part: Part = {
      first,
      last,
      n: packed.n,
      data: packed.finish(),
      rejects,
      pairs: Int32Array.from(pairs),
      candidates,
      feedback,
      pending: decided,
      rowsRead: read,
      accepted,
      bytesPerRow,
      endByte,
    };
    pairs = [];
    candidates = [];
    feedback = [];
    rejects = [];
    read = 0;
    accepted = 0;
    return emit(part);
  };
  const waiting: Waiting[] = [];
  const drain = (persons: PersonIndex): boolean => {
    while (waiting.length > 0) {
      const w = waiting.shift()!;
      rejects = w.rejects;
      read = w.read;
      accepted = w.accepted;
      for (const c of w.checked) match(persons, c.row, c.idNumber, c.name, c.staged);
      if (!hand(w.first, w.last, w.endByte)) return false;
    }
    return true;
  };

  const onBatch = (b: Batch): boolean => {
    if (b.rows.length === 0) return true;
    if (bytesPerRow === 0 && b.rows.length > 10)
      bytesPerRow = b.rows.slice(0, 200).reduce((s, r) => s + r.join(',').length * 1.6 + 1, 0) / Math.min(200, b.rows.length);
    const persons = (index ??= waiting.length >= WAITING ? source.wait() : source.now());
    if (persons && waiting.length > 0) {
      if (!drain(persons)) return false;
      // The parts that waited lived long enough to be promoted, with the text they were cut from: only a full collection frees them.
      collectGarbage();
    }
    const checked: Checked[] = [];
    const narrow = !b.wide;
    const first = b.rowNumbers ? b.rowNumbers[0] : b.firstRow;
    const last = b.rowNumbers ? b.rowNumbers[b.rows.length - 1] : b.firstRow + b.rows.length - 1;
    for (let i = 0; i < b.rows.length; i++) {
      const row = b.rowNumbers ? b.rowNumbers[i] : b.firstRow + i;
      if (row <= job.headerRow) continue;
      const cells = b.rows[i];
      if (blank(cells)) continue;
      // A row of the returned list the department has not answered yet: not a result and not an error (docs/rules/assistance.md §5).
      if (plan.feedback && resultCol !== undefined && (cells[resultCol] ?? '').trim() === '') continue;
      read++;
      const bad = b.bad?.[i];
      if (bad) {
        rejects.push({ row, column: bad.column < 0 ? '' : (job.header[bad.column] ?? `#${bad.column + 1}`), zh: bad.zh, en: bad.en });
        continue;
      }
      const id = plan.feedback
        ? feedbackId(cells[idCol] ?? '', job.today, narrow)
        : checkIdCell(cells[idCol] ?? '', job.today, b.numeric?.[i]?.[idCol] === true, narrow);
      if (!id.ok) {
        rejects.push({ row, column: idHeader, zh: id.problem.zh, en: id.problem.en });
        continue;
      }
      for (let f = 0; f < fieldKeys.length; f++) {
        const c = cells[fieldCols[f]];
        v[fieldKeys[f]] = c === undefined ? '' : narrow ? c.trim() : halfWidth(c);
      }
      const s = p.stage(v);
      if ('field' in s) {
        rejects.push({ row, column: colName(s.field), zh: s.zh, en: s.en });
        continue;
      }
      // The name cell is among the mapped fields, already half-width and trimmed in v.
      const name = nameCol === undefined ? null : v.name || null;
      if (persons) match(persons, row, id.id, name, s);
      else checked.push({ row, idNumber: id.id, name, staged: s });
    }
    if (!persons) {
      waiting.push({ first, last, endByte: b.endByte ?? -1, checked, rejects, read, accepted });
      rejects = [];
      read = 0;
      accepted = 0;
      return true;
    }
    return hand(first, last, b.endByte ?? -1);
  };

  await readTable(
    job.file,
    job.format,
    job.encoding,
    (b) => {
      const go = onBatch(b);
      if (!go) stopped = true;
      return go;
    },
    plan.range ?? undefined,
  );
  if (!stopped && waiting.length > 0 && !drain(index ?? (index = source.wait()))) stopped = true;
  if (stopped) return null;
  return { unknown: unknownPersons.parts() };
}
