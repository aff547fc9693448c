import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATIN_ALLOWED_IN_ZH, latinRuns } from '../src/i18n/latinRuns';
import { joinAs, type Stack, screenshot, startStack, waitForFramesAdvancing } from './harness';

const ROOM = 'e2e-languages-room';

/**
 * Latin words on the page that are not names: the text a person sees plus the accessible names,
 * titles and placeholders of every element, judged like the unit tests do (`latinRuns`). Device
 * names (the fake camera's "fake_device_0") are names too, read from the device lists.
 */
async function untranslated(page: Page, names: readonly string[]): Promise<string[]> {
  const { text, devices } = await page.evaluate(() => {
    const attributes = [...document.querySelectorAll('[aria-label],[title],[placeholder],[alt]')]
      .flatMap((el) => ['aria-label', 'title', 'placeholder', 'alt'].map((a) => el.getAttribute(a)))
      .filter((v): v is string => v !== null);
    const devices = [...document.querySelectorAll('select[id^="device-"] option')].map(
      (o) => o.textContent ?? '',
    );
    // What is rendered, as a person sees it: innerText leaves out hidden nodes and <template>s.
    // biome-ignore lint/performance/useDomNodeTextContent: the visible text is the point
    return { text: [document.body.innerText, ...attributes].join('\n'), devices };
  });
  const deviceWords = devices.flatMap((d) => d.split(/[^A-Za-z]+/));
  return latinRuns(text, [...LATIN_ALLOWED_IN_ZH, ...names, ...deviceWords]);
}

describe('languages', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('a Chinese browser sees Chinese on the start page, before joining and in the call; the settings switch to English and back live', async () => {
    const names = ['Ana', 'Bo', ...ROOM.split(/[^A-Za-z]+/)];
    const context = await stack.browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1000, height: 680 },
    });
    const ana = await context.newPage();
    expect(await ana.evaluate(() => navigator.languages[0])).toBe('zh-CN');

    // The start page, in the browser's language.
    await ana.goto(stack.baseUrl);
    await ana.getByRole('button', { name: '新建房间' }).waitFor();
    expect(await ana.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await untranslated(ana, names)).toEqual([]);

    // Pre-join: preview, name, devices.
    await ana.goto(`${stack.baseUrl}/r/${ROOM}?quality=low`);
    await ana.getByRole('heading', { name: `加入 ${ROOM}` }).waitFor();
    await ana.getByLabel('你的名字').fill('Ana');
    await ana.getByLabel('你的摄像头预览').waitFor();
    expect(await untranslated(ana, names)).toEqual([]);
    await ana.getByRole('button', { name: '加入', exact: true }).click();

    // An English browser joins the same call and stays in English.
    const bo = await joinAs(stack, ROOM, 'Bo');
    await ana.getByRole('figure', { name: 'Bo', exact: true }).waitFor();
    await waitForFramesAdvancing(ana, 1);
    await bo.getByText('Topology: Automatic · Mesh: 2 people').waitFor();
    await ana.getByText('拓扑：自动 · 网状：2 人').waitFor();
    await ana.getByRole('figure', { name: 'Bo', exact: true }).getByText('直连').waitFor();
    expect(await untranslated(ana, names)).toEqual([]);

    // The settings, in Chinese.
    await ana.getByRole('button', { name: '设置' }).click();
    const zhSettings = ana.getByRole('dialog', { name: '设置' });
    await zhSettings.getByRole('radio', { name: '全网状' }).waitFor();
    expect(await untranslated(ana, names)).toEqual([]);
    await screenshot(ana, 'languages-zh-settings');

    // Switched to English: the dialog, the header and the tiles change at once, no reload.
    await ana.getByLabel('语言').selectOption('en');
    await ana.getByRole('dialog', { name: 'Settings' }).waitFor();
    await ana.getByText('Topology: Automatic · Mesh: 2 people').waitFor();
    await ana.getByRole('figure', { name: 'Bo', exact: true }).getByText('direct').waitFor();
    expect(await ana.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await ana.evaluate(() => localStorage.getItem('meshwork.lang'))).toBe('en');
    // The same check finds the English words now on screen, so it is not blind.
    expect((await untranslated(ana, names)).length).toBeGreaterThan(20);

    // And back to Chinese, with nothing left in English.
    await ana.getByLabel('Language').selectOption('zh-CN');
    await zhSettings.waitFor();
    await ana.getByText('拓扑：自动 · 网状：2 人').waitFor();
    expect(await ana.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await untranslated(ana, names)).toEqual([]);
    // The call kept running through both switches.
    await waitForFramesAdvancing(ana, 1);
    await bo.context().close();
    await context.close();
  });
});
