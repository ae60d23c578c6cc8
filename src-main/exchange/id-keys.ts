/**
 * An ID number of the form a checked row has (17 digits and a digit or X, normalize.ts
 * checkIdCell) as two int32 keys: the first 9 digits; the next 8 digits × 11 + the check value
 * (X = 10). The person index and the unknown persons' list key their tables by them
 * (./persons.ts), and a packed part stores a matched row's number so (./packed.ts).
 */

/** Whether s holds, from `at`, an ID number of that form. */
export function idForm(s: string, at: number): boolean {
  for (let i = at; i < at + 17; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const c = s.charCodeAt(at + 17);
  return (c >= 48 && c <= 57) || c === 88;
}

export function keyHi(s: string, at: number): number {
  let v = 0;
  for (let i = at; i < at + 9; i++) v = v * 10 + (s.charCodeAt(i) - 48);
  return v;
}

export function keyLo(s: string, at: number): number {
  let v = 0;
  for (let i = at + 9; i < at + 17; i++) v = v * 10 + (s.charCodeAt(i) - 48);
  const c = s.charCodeAt(at + 17);
  return v * 11 + (c === 88 ? 10 : c - 48);
}

/** The ID number whose keys are (hi, lo): keyHi and keyLo undone. */
export function idOf(hi: number, lo: number): string {
  const check = lo % 11;
  return String(hi).padStart(9, '0') + String((lo - check) / 11).padStart(8, '0') + (check === 10 ? 'X' : String(check));
}
