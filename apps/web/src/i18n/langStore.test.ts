import { describe, expect, it } from 'vitest';
import { en } from './en';
import { createLangStore } from './langStore';
import { LANG_KEY, pickLanguage } from './languages';
import { zhCN } from './zh-CN';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    data,
  };
}

describe('pickLanguage', () => {
  it.each([
    [['zh-CN', 'en'], 'zh-CN'],
    [['zh'], 'zh-CN'],
    [['zh-Hans-SG'], 'zh-CN'],
    [['zh_TW'], 'zh-CN'],
    [['en-GB', 'zh-CN'], 'en'],
    [['fr-FR', 'zh-CN'], 'zh-CN'],
    [['fr-FR', 'de'], 'en'],
    [[], 'en'],
  ] as const)('%j picks %s', (preferred, lang) => {
    expect(pickLanguage(preferred)).toBe(lang);
  });
});

describe('createLangStore', () => {
  it("starts in the browser's language (its catalogue loaded) and tells <html lang>", async () => {
    const applied: string[] = [];
    const store = createLangStore({ preferred: ['zh-CN'], applied: (l) => applied.push(l) });
    await store.getState().ready;
    expect(store.getState().lang).toBe('zh-CN');
    expect(store.getState().m).toBe(zhCN);
    expect(store.getState().f.number(1234.5)).toBe('1,234.5');
    expect(applied).toEqual(['en', 'zh-CN']);
  });

  it('a remembered choice wins over the browser, and a switch is remembered and applied', async () => {
    const storage = memoryStorage({ [LANG_KEY]: 'en' });
    const applied: string[] = [];
    const store = createLangStore({
      storage,
      preferred: ['zh-CN'],
      applied: (l) => applied.push(l),
    });
    await store.getState().ready;
    expect(store.getState().m).toBe(en);
    await store.getState().setLang('zh-CN');
    expect(store.getState().m).toBe(zhCN);
    expect(store.getState().f.inSeconds(5)).toBe('5秒钟后');
    expect(storage.data.get(LANG_KEY)).toBe('zh-CN');
    expect(applied).toEqual(['en', 'zh-CN']);
  });

  it('ignores a stored value that is no language of the app, and storage that throws', async () => {
    const odd = createLangStore({
      storage: memoryStorage({ [LANG_KEY]: 'xx' }),
      preferred: ['zh'],
    });
    await odd.getState().ready;
    expect(odd.getState().lang).toBe('zh-CN');
    const broken = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('blocked');
      },
    };
    const store = createLangStore({ storage: broken, preferred: ['en'] });
    await store.getState().setLang('zh-CN');
    expect(store.getState().lang).toBe('zh-CN');
  });

  it('the last switch asked for wins, whichever catalogue loads first', async () => {
    const store = createLangStore({ preferred: ['en'] });
    const toChinese = store.getState().setLang('zh-CN');
    const toEnglish = store.getState().setLang('en');
    await Promise.all([toChinese, toEnglish]);
    expect(store.getState().lang).toBe('en');
    expect(store.getState().m).toBe(en);
  });
});
