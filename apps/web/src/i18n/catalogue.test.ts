import { describe, expect, it } from 'vitest';
import { SAMPLES } from './catalogue.samples';
import { en } from './en';
import { createFormat, PLURAL_CATEGORIES } from './format';
import { LANGUAGES } from './languages';
import type { Messages } from './messages';
import { zhCN } from './zh-CN';

const CATALOGUES: Record<(typeof LANGUAGES)[number], Messages> = { en, 'zh-CN': zhCN };

/**
 * Values that may read the same in Chinese as in English, each with why. Kept short: anything
 * else left equal to English is an untranslated string.
 */
const SAME_AS_ENGLISH: Record<string, string> = {
  'panels.hashTitle': 'the name of the hash (SHA-256) and the hash itself',
};

type Tree = { readonly [key: string]: unknown };
type Message = (...args: unknown[]) => string;

/** Every leaf of a catalogue as `area.key.sub` -> value. */
function leaves(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string' || typeof value === 'function') out.set(path, value);
    else for (const [p, v] of leaves(value as Tree, path)) out.set(p, v);
  }
  return out;
}

function samplesOf(path: string): readonly (readonly unknown[])[] {
  let at: unknown = SAMPLES;
  for (const key of path.split('.')) at = (at as Tree | undefined)?.[key];
  return (at as readonly (readonly unknown[])[] | undefined) ?? [];
}

const english = leaves(en);

describe.each(LANGUAGES.filter((lang) => lang !== 'en'))('the %s catalogue', (lang) => {
  const catalogue = leaves(CATALOGUES[lang]);
  const f = createFormat(lang);
  const fEn = createFormat('en');

  it('has every English key, and no key English lacks', () => {
    expect([...catalogue.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('gives every message the same kind: text for text, a message with parameters for one', () => {
    const mismatched = [...english].filter(
      ([path, value]) =>
        typeof catalogue.get(path) !== typeof value ||
        (typeof value === 'function' &&
          (catalogue.get(path) as Message).length !== (value as Message).length),
    );
    expect(mismatched.map(([path]) => path)).toEqual([]);
  });

  it('has samples for every message with parameters (the samples are typed over the catalogue)', () => {
    const missing = [...english]
      .filter(([path, value]) => typeof value === 'function' && samplesOf(path).length === 0)
      .map(([path]) => path);
    expect(missing).toEqual([]);
  });

  it('shows every parameter English shows: each name, word and number', () => {
    const lost: string[] = [];
    for (const [path, value] of english) {
      if (typeof value !== 'function') continue;
      const message = catalogue.get(path) as Message;
      for (const args of samplesOf(path)) {
        const inEnglish = (value as Message)(...args);
        const translated = message(...args);
        for (const arg of args) {
          const shown = typeof arg === 'number' ? [fEn.number(arg), f.number(arg)] : [String(arg)];
          if (shown[0] !== undefined && !inEnglish.includes(shown[0])) continue; // English hides it too
          if (!shown.some((s) => translated.includes(s))) {
            lost.push(`${path}(${JSON.stringify(args)}) -> ${translated}`);
          }
        }
      }
    }
    expect(lost).toEqual([]);
  });

  it('leaves nothing equal to English beyond a short allowlist', () => {
    const same: string[] = [];
    for (const [path, value] of english) {
      if (path in SAME_AS_ENGLISH) continue;
      const translated = catalogue.get(path);
      if (typeof value === 'string') {
        if (translated === value) same.push(path);
      } else {
        for (const args of samplesOf(path)) {
          if ((translated as Message)(...args) === (value as Message)(...args)) same.push(path);
        }
      }
    }
    expect(same).toEqual([]);
  });

  it('knows the plural categories Intl has for the language (messages give one form per category)', () => {
    expect([...PLURAL_CATEGORIES[lang]].sort()).toEqual(
      [...new Intl.PluralRules(lang).resolvedOptions().pluralCategories].sort(),
    );
  });
});

describe('the English catalogue', () => {
  it('knows the plural categories Intl has for English', () => {
    expect([...PLURAL_CATEGORIES.en].sort()).toEqual(
      [...new Intl.PluralRules('en').resolvedOptions().pluralCategories].sort(),
    );
  });

  it('says counts in the right form', () => {
    expect(en.common.people(1)).toBe('1 person');
    expect(en.common.people(2)).toBe('2 people');
    expect(en.call.hops(1)).toBe('1 hop');
    expect(en.call.hops(1_200)).toBe('1,200 hops');
  });
});
