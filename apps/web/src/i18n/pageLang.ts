import { createLangStore } from './langStore';

function localStorageOrNull(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * The page's one language store, from the remembered choice or `navigator.languages`; it keeps
 * `<html lang>` in step so screen readers and fonts follow the language.
 */
export const pageLang = createLangStore({
  storage: localStorageOrNull(),
  preferred: globalThis.navigator?.languages ?? [],
  applied: (lang) => {
    if (typeof document !== 'undefined') document.documentElement.lang = lang;
  },
});
