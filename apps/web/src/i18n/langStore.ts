import { createStore, type StoreApi } from 'zustand/vanilla';
import { FIRST_CATALOGUE, LOAD_CATALOGUE } from './catalogues';
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
  /**
   * Switches the page's language and remembers the choice; resolves once the page speaks it (a
   * language other than English loads its catalogue first). The last switch asked for wins.
   */
  setLang(lang: Lang): Promise<void>;
  /** Resolves once the page speaks its first language (the remembered or the browser's). */
  ready: Promise<void>;
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
  let asked = 0;
  const show = async (lang: Lang): Promise<void> => {
    const ticket = ++asked;
    let m: Messages;
    try {
      m = await LOAD_CATALOGUE[lang]();
    } catch {
      // The chunk did not load (offline, a new deploy): the page keeps the language it speaks.
      return;
    }
    // A later switch asked for another language meanwhile: that one wins.
    if (ticket === asked) store.setState({ lang, m, f: formatOf(lang) });
  };
  const store = createStore<LangState>()(() => ({
    lang: 'en',
    m: FIRST_CATALOGUE,
    f: formatOf('en'),
    setLang(lang) {
      try {
        deps.storage?.setItem(LANG_KEY, lang);
      } catch {
        // Not remembered, still switched.
      }
      return show(lang);
    },
    ready: Promise.resolve(),
  }));
  store.subscribe((now, before) => {
    if (now.lang !== before.lang) deps.applied?.(now.lang);
  });
  deps.applied?.('en');
  store.setState({ ready: initial === 'en' ? Promise.resolve() : show(initial) });
  return store;
}
