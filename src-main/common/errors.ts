/**
 * The one error type the service layer throws. It carries both languages so that the
 * dispatcher answers in the caller's language, and the field the UI shows it next to.
 */
export type Lang = 'zh' | 'en';
export interface Bilingual {
  zh: string;
  en: string;
}

export interface ErrorBody {
  code: string;
  message: string;
  field?: string;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly messages: Bilingual,
    readonly field?: string,
  ) {
    super(messages.en);
    this.name = 'AppError';
  }

  toBody(lang: Lang): ErrorBody {
    return { code: this.code, message: this.messages[lang], ...(this.field !== undefined ? { field: this.field } : {}) };
  }
}

/** The message of anything thrown (an Error's, or the value itself as text). */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function appError(code: string, en: string, zh: string, field?: string): AppError {
  return new AppError(code, { en, zh }, field);
}
