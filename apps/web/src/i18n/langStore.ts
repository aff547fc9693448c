import { createStore, type StoreApi } from 'zustand/vanilla';
import { CATALOGUES } from './catalogues';
import { createFormat, type Format } from './format';
import { isLang, LANG_KEY, type Lang, pickLanguage } from './languages';
import type { Messages } from './messages';

/** The page's language: its catalogue and formatters, and the switch. */
export interface LangState {
  lang: Lang;
  /** The catalogue of `lang`. */
  m: Messages;
  /** Numbers, sizes, rates, lists and times in `lang`. */
  f: Format;
  /** Switches the page's language now and remembers the choice. */
  setLang(lang: Lang): void;
}

/** A language store's vanilla zustand API. */
export type LangStoreApi = StoreApi<LangState>;

/** Where the store reads the person's choice and the browser's preference, and what it updates. */
export interface LangDeps {
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** The browser's languages, most wanted first (`navigator.languages`). */
  preferred?: readonly string[];
  /** Called with each language in effect, the first at once (sets `<html lang>`). */
  applied?: (lang: Lang) => void;
}

function read(storage: LangDeps['storage']): Lang | null {
  try {
    const saved = storage?.getItem(LANG_KEY);
    return isLang(saved) ? saved : null;
  } catch {
    // Storage can throw (blocked cookies, private mode): fall back to the browser's choice.
    return null;
  }
}

const FORMATS = new Map<Lang, Format>();
function formatOf(lang: Lang): Format {
  let format = FORMATS.get(lang);
  if (!format) {
    format = createFormat(lang);
    FORMATS.set(lang, format);
  }
  return format;
}

/**
 * Creates the language store: the remembered choice if there is one, else the browser's
 * preference (`pickLanguage`). `setLang` swaps catalogue and formatters at once, so every
 * `useT()` re-renders in the new language without a reload.
 */
export function createLangStore(deps: LangDeps = {}): LangStoreApi {
  const initial = read(deps.storage) ?? pickLanguage(deps.preferred ?? []);
  const store = createStore<LangState>()((set) => ({
    lang: initial,
    m: CATALOGUES[initial],
    f: formatOf(initial),
    setLang(lang) {
      try {
        deps.storage?.setItem(LANG_KEY, lang);
      } catch {
        // Not remembered, still switched.
      }
      set({ lang, m: CATALOGUES[lang], f: formatOf(lang) });
    },
  }));
  deps.applied?.(initial);
  store.subscribe((now, before) => {
    if (now.lang !== before.lang) deps.applied?.(now.lang);
  });
  return store;
}
