/** `2026年12月`: the month an approval decided today takes effect. */
export function nextMonthZh(now = new Date()): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月`;
}
