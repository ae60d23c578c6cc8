/**
 * What the language walk (walk.spec.ts) counts as a leak (issue 21, item 3): on a Chinese page a
 * Latin word that is not an allowed name (the product's, a file format's) or any snake_case code;
 * on an English page a run of Chinese that is not a person's or a place's name of the demo county,
 * an address, the office or a demo user.
 */
import { DEMO_OFFICE, DEMO_TOWNSHIPS, GIVEN_NAMES, ROADS, SURNAMES } from '../../../src-main/demo/county';
import { DEMO_USERS } from '../../../src-main/demo/seed';
import { ORGANISATION_NAME, STAFF, STATION_SUFFIX } from '../../../src-main/demo/services';
import { DEMO_SCENARIO_WORDS } from '../../../src-main/demo/scenarios';
import { E2E_DIRECTOR } from '../people';

/** The walk's office: the demo users and the two accounts its set-up page makes (docs/security.md "Roles and the two-person rule"). */
const WALK_ADMIN = { username: 'boss', displayName: '赵主任' } as const;
const ACCOUNTS = [...DEMO_USERS, WALK_ADMIN, E2E_DIRECTOR];

/** Latin words a Chinese page may show: names of the product, formats and standards, and the language switch. */
const LATIN_ALLOWED = new Set([
  ...['Safetynet', 'XLSX', 'xlsx', 'PDF', 'pdf', 'CSV', 'csv', 'JSON', 'json', 'ZIP', 'zip', 'USB', 'English', 'YYYY', 'MM', 'DD', 'ZJ'],
  // Encodings a department file may come in.
  ...['UTF', 'GB', 'GBK'],
  // Prefixes of the office's numbers: referrals (ZJ-2026-…), temporary assistance (LS-2026-…), providers (SW01, SO01), contracts (HT-2026-SW01).
  ...['LS', 'SW', 'SO', 'HT'],
  // Keys named in the shortcut hints, as printed on the keyboard.
  ...['Ctrl', 'Enter', 'Esc'],
  // Account names, typed at login.
  ...ACCOUNTS.map((u) => u.username),
]);

const PLACES = new Set<string>([
  DEMO_OFFICE.name,
  DEMO_OFFICE.county,
  ...DEMO_TOWNSHIPS.flatMap((t) => [t.name, ...t.villages.map((v) => v.name)]),
  ...ROADS,
  ...ACCOUNTS.map((u) => u.displayName.replace(/（演示）$/, '')),
  // The demo's service providers and their staff (src-main/demo/services.ts).
  ORGANISATION_NAME,
  STATION_SUFFIX,
  ...STAFF,
  // The demo's scenario drafts, named by the office (src-main/demo/scenarios.ts).
  ...DEMO_SCENARIO_WORDS,
  '演示',
  // The language switch names Chinese in Chinese.
  '中文',
  // Parts of an address: 人民路12号院3号楼2单元301室, 双井村3组45号.
  '号院',
  '号楼',
  '单元',
  '室',
  '组',
  '号',
]);
const NAME_CHARS = new Set<string>([
  ...SURNAMES.flatMap(([s]) => [...s]),
  ...[...GIVEN_NAMES.male, ...GIVEN_NAMES.female].flat().flatMap((g) => [...g]),
]);

/** Whether a run of Chinese splits wholly into places, address parts and names (2–4 characters of the demo name pools). */
function allowedChinese(run: string): boolean {
  const ok: boolean[] = Array(run.length + 1).fill(false);
  ok[0] = true;
  for (let i = 0; i < run.length; i++) {
    if (!ok[i]) continue;
    for (let j = i + 1; j <= run.length; j++) {
      const piece = run.slice(i, j);
      const isName = piece.length >= 2 && piece.length <= 4 && [...piece].every((c) => NAME_CHARS.has(c));
      if (PLACES.has(piece) || isName) ok[j] = true;
    }
  }
  return ok[run.length];
}

/** The leaks of one page's text in the page's language. */
export function leaks(text: string, lang: 'zh' | 'en'): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/[A-Za-z]+(?:_[A-Za-z]+)+/g)) out.add(`code: ${m[0]}`);
  if (lang === 'zh') {
    for (const m of text.matchAll(/[A-Za-z][A-Za-z_]+/g)) if (!LATIN_ALLOWED.has(m[0]) && !/_/.test(m[0])) out.add(`Latin: ${m[0]}`);
  } else {
    for (const m of text.matchAll(/[\u3400-\u9fff]+/g)) if (!allowedChinese(m[0])) out.add(`Chinese: ${m[0]}`);
  }
  return [...out];
}
