import { clockTime } from '../format/time';
import type { Lang } from './languages';

/** The plural categories each language has (CLDR, as `Intl.PluralRules` reports them). */
export const PLURAL_CATEGORIES = {
  en: ['one', 'other'],
  'zh-CN': ['other'],
} as const satisfies Record<Lang, readonly Intl.LDMLPluralRule[]>;

/** The forms a message gives for a count in language `L`: one per category, none missing. */
export type PluralForms<L extends Lang> = Record<(typeof PLURAL_CATEGORIES)[L][number], string>;

/** Numbers, sizes, rates, durations, lists, times and plurals in one language, through `Intl`. */
export interface Format<L extends Lang = Lang> {
  lang: L;
  /** `1,234` */
  number(n: number): string;
  /** `12.5%` for 0.125 */
  percent(fraction: number): string;
  /** `512 B`, `1.5 kB`, `3.2 MB` */
  bytes(n: number): string;
  /** `500 kb/s`, `2.5 Mb/s` for kilobits per second */
  bitrate(kbps: number): string;
  /** `42 ms` */
  ms(n: number): string;
  /** `in 5 seconds`, `5秒钟后` */
  inSeconds(n: number): string;
  /** `Ana, Bo, and Cy`, `Ana、Bo和Cy` */
  list(items: readonly string[]): string;
  /** `14:05` (or `02:05 PM`) for a time; `—` for anything that is not a valid time. */
  time(ms: unknown): string;
  /** The form for `n` among the language's plural categories. */
  plural(n: number, forms: PluralForms<L>): string;
}

/** Creates the formatters of one language (each `Intl` object made once, on first use). */
export function createFormat<L extends Lang>(lang: L): Format<L> {
  const number = new Intl.NumberFormat(lang);
  const unit = (name: string, digits = 1) =>
    new Intl.NumberFormat(lang, { style: 'unit', unit: name, maximumFractionDigits: digits });
  const byte = unit('byte', 0);
  const kilobyte = unit('kilobyte');
  const megabyte = unit('megabyte');
  const kbit = unit('kilobit-per-second', 0);
  const mbit = unit('megabit-per-second');
  const millisecond = unit('millisecond', 0);
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  const relative = new Intl.RelativeTimeFormat(lang, { numeric: 'always' });
  const list = new Intl.ListFormat(lang, { type: 'conjunction' });
  const clock = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' });
  const rules = new Intl.PluralRules(lang);
  return {
    lang,
    number: (n) => number.format(n),
    percent: (fraction) => percent.format(fraction),
    bytes: (n) =>
      n < 1024
        ? byte.format(n)
        : n < 1024 * 1024
          ? kilobyte.format(n / 1024)
          : megabyte.format(n / (1024 * 1024)),
    bitrate: (kbps) => (kbps >= 1_000 ? mbit.format(kbps / 1_000) : kbit.format(kbps)),
    ms: (n) => millisecond.format(n),
    inSeconds: (n) => relative.format(n, 'second'),
    list: (items) => list.format(items),
    time: (ms) => clockTime(ms, clock),
    plural: (n, forms) => {
      const category = rules.select(n) as keyof PluralForms<L>;
      return (forms[category] as string | undefined) ?? (forms as { other: string }).other;
    },
  };
}
