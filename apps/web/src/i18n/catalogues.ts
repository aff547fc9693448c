import { en } from './en';
import type { Lang } from './languages';
import type { Messages } from './messages';

/**
 * How each language's catalogue is had. English is in the first bundle (the source, and what
 * shows while another loads); every other language is its own chunk, fetched only by a page
 * that speaks it, so the room page's first JS carries one catalogue.
 */
export const LOAD_CATALOGUE: Readonly<Record<Lang, () => Promise<Messages>>> = {
  en: () => Promise.resolve(en),
  'zh-CN': () => import('./zh-CN').then((module) => module.zhCN),
};

/** The catalogue the page starts with, before any other language has loaded. */
export const FIRST_CATALOGUE: Messages = en;
