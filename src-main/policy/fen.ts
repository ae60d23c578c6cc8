/**
 * Yuan → fen on the engine's hot path. The household schema only admits amounts with at most
 * two decimals (`isYuanAmount`), so rounding `v × 100` recovers the exact fen; this avoids
 * `yuanToFen`'s string parse, which costs more than the rest of an evaluation at county scale.
 * Anything that did not pass the schema must go through `yuanToFen` instead.
 */
export function fenOf(yuan: number): number {
  return Math.round(yuan * 100);
}
