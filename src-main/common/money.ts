/** Money is stored and computed in integer fen; yuan appear only at the edges (files, UI). */

export type Fen = number;

/** Parses a yuan amount with at most two decimals into fen without float drift. */
export function yuanToFen(yuan: number | string): Fen {
  const text = typeof yuan === 'number' ? yuan.toFixed(6) : yuan.trim();
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new RangeError(`not an amount: ${yuan}`);
  const frac = (m[3] ?? '').replace(/0+$/, '');
  if (frac.length > 2) throw new RangeError(`more than two decimals: ${yuan}`);
  const fen = Number(m[2]) * 100 + Number(frac.padEnd(2, '0'));
  return m[1] ? -fen : fen;
}

export function fenToYuan(fen: Fen): number {
  return fen / 100;
}

/** `1,523.00` — the office's way of writing amounts (unit added by the caller). */
export function formatFen(fen: Fen): string {
  const neg = fen < 0;
  const abs = Math.abs(Math.round(fen));
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = String(abs % 100).padStart(2, '0');
  return `${neg ? '-' : ''}${yuan}.${cents}`;
}

/** True when a yuan amount has at most two decimals (the household file's rule). */
export function isYuanAmount(v: number): boolean {
  if (!Number.isFinite(v)) return false;
  return Math.abs(Math.round(v * 100) - v * 100) < 1e-6;
}
