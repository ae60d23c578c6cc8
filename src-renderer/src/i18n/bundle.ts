/** A domain's words: the same keys in Chinese and English, under top-level keys that domain owns. */
export type Words = { [key: string]: string | readonly string[] | Words };
export interface Bundle {
  zh: Record<string, Words>;
  en: Record<string, Words>;
}

/**
 * Merges the domains' bundles. A top-level key two domains both use would silently replace
 * one namespace with the other: it throws instead (and tests/unit/i18n checks it too).
 */
export function mergeBundles(bundles: Record<string, Bundle>): Bundle {
  const out: Bundle = { zh: {}, en: {} };
  const owner = new Map<string, string>();
  for (const [domain, b] of Object.entries(bundles)) {
    for (const lang of ['zh', 'en'] as const) {
      for (const [key, words] of Object.entries(b[lang])) {
        const first = owner.get(`${lang}:${key}`);
        if (first && first !== domain) throw new Error(`i18n key "${key}" is used by both ${first} and ${domain}`);
        owner.set(`${lang}:${key}`, domain);
        out[lang][key] = words;
      }
    }
  }
  return out;
}
