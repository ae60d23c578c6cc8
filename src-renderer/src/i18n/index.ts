import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { mergeBundles } from './bundle';
import { BUNDLES } from './bundles';
import { apiState } from '../api';

export type Lang = 'zh' | 'en';
const KEY = 'safetynet.lang';

function initialLang(): Lang {
  const saved = localStorage.getItem(KEY);
  if (saved === 'zh' || saved === 'en') return saved;
  return (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

const words = mergeBundles(BUNDLES);
const lang = initialLang();
apiState.setLang(lang);
document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';

void i18n.use(initReactI18next).init({
  // Each domain keeps its words beside its screens, under top-level keys of its own.
  resources: { en: { translation: words.en }, zh: { translation: words.zh } },
  lng: lang,
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});

export function setLanguage(l: Lang) {
  localStorage.setItem(KEY, l);
  apiState.setLang(l);
  document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
  void i18n.changeLanguage(l);
}

export default i18n;
