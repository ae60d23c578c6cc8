/**
 * Text that is a record, not a word of the interface: a reason a person typed, a department's
 * item, a chain entry kept in the office's language. Marked with its language (`lang`), so an
 * English page says which of its lines are Chinese records (and the language walk of
 * tests/e2e/ux reads them as such), instead of passing them off as the interface's own words.
 */
export function RecordText({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  return /[\u3400-\u9fff]/.test(text) ? <span lang="zh-CN">{text}</span> : <>{text}</>;
}
