import { useStore } from 'zustand';
import type { Format } from './format';
import type { Lang } from './languages';
import type { Messages } from './messages';
import { pageLang } from './pageLang';

/** The catalogue of the page's language; re-renders when the language changes. */
export function useT(): Messages {
  return useStore(pageLang, (s) => s.m);
}

/** Numbers, sizes, rates, lists and times in the page's language. */
export function useFormat(): Format {
  return useStore(pageLang, (s) => s.f);
}

/** The page's language and its switch. */
export function useLang(): { lang: Lang; setLang: (lang: Lang) => void } {
  const lang = useStore(pageLang, (s) => s.lang);
  const setLang = useStore(pageLang, (s) => s.setLang);
  return { lang, setLang };
}
