import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zh } from './zh';
import { exchangeEn } from './exchange.en';
import { exchangeZh } from './exchange.zh';
import { closedloopEn } from './closed-loop.en';
import { closedloopZh } from './closed-loop.zh';
import { apiState } from '../api';

export type Lang = 'zh' | 'en';
const KEY = 'safetynet.lang';

export function initialLang(): Lang {
  const saved = localStorage.getItem(KEY);
  if (saved === 'zh' || saved === 'en') return saved;
  return (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

const lang = initialLang();
apiState.setLang(lang);
document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';

void i18n.use(initReactI18next).init({
  // Each later module keeps its strings in its own file, under its own top-level keys.
  resources: { en: { translation: { ...en, ...exchangeEn, ...closedloopEn } }, zh: { translation: { ...zh, ...exchangeZh, ...closedloopZh } } },
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

export const currentLang = (): Lang => (i18n.language === 'en' ? 'en' : 'zh');
export default i18n;
