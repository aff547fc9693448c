/** The languages the app speaks, as BCP 47 tags; the first is the source and the fallback. */
export const LANGUAGES = ['en', 'zh-CN'] as const;

/** One of the app's languages. */
export type Lang = (typeof LANGUAGES)[number];

/** Each language's name in itself, as the language switch lists it. */
export const LANGUAGE_NAMES: Readonly<Record<Lang, string>> = {
  en: 'English',
  'zh-CN': '简体中文',
};

/** Where the person's own choice of language is remembered. */
export const LANG_KEY = 'meshwork.lang';

/** Whether `value` is one of the app's languages. */
export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The app language for a browser's preference list (`navigator.languages`, most wanted first):
 * the first entry whose language the app speaks. Any Chinese (`zh`, `zh-CN`, `zh-Hans-SG`, even
 * `zh-TW`, for which Simplified reads better than English) picks `zh-CN`; any English picks `en`;
 * nothing known picks `en`.
 */
export function pickLanguage(preferred: readonly string[]): Lang {
  for (const tag of preferred) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (primary === 'zh') return 'zh-CN';
    if (primary === 'en') return 'en';
  }
  return 'en';
}
