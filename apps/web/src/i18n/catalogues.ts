import { en } from './en';
import type { Lang } from './languages';
import type { Messages } from './messages';
import { zhCN } from './zh-CN';

/** Every language's catalogue. */
export const CATALOGUES: Readonly<Record<Lang, Messages>> = { en, 'zh-CN': zhCN };
