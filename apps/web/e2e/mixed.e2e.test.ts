import { afterAll, beforeAll, describe, it } from 'vitest';
import { chooseHub, joinCall, seeEveryone, switchTopology } from './drivers/call';
import type { BrowserDriver, PageDriver } from './drivers/PageDriver';
import { playwrightBrowser } from './drivers/playwrightDriver';
import { puppeteerBrowser } from './drivers/puppeteerDriver';
import { type Stack, startStack } from './harness';
import { launchFirefox } from './stack.mjs';

interface Person {
  name: string;
  page: PageDriver;
}

/** Every page sees every other person's video advancing. */
async function everyoneSeesEveryone(people: readonly Person[]): Promise<void> {
  for (const person of people) {
    const others = people.filter((p) => p !== person).map((p) => p.name);
    await seeEveryone(person.page, others);
  }
}

describe('Chromium and Firefox in one room', () => {
  let stack: Stack;
  let chromium: BrowserDriver;
  let firefox: BrowserDriver;

  beforeAll(async () => {
    stack = await startStack();
    chromium = playwrightBrowser(stack.browser);
    firefox = await puppeteerBrowser(await launchFirefox());
  });
  afterAll(async () => {
    await firefox?.close();
    await stack?.close();
  });

  it('Chromium first, Firefox in the middle: mesh, star with either hub, ring, back to mesh', async () => {
    const room = 'e2e-mixed-chromium-first';
    const people: Person[] = [];
    for (const [name, browser] of [
      ['Ana', chromium],
      ['Bo', firefox],
      ['Cy', chromium],
      ['Di', firefox],
    ] as const) {
      const page = await browser.newPage();
      await joinCall(page, stack.baseUrl, room, name);
      people.push({ name, page });
    }
    await everyoneSeesEveryone(people);
    const [ana] = people as [Person, Person, Person, Person];
    await switchTopology(ana.page, 'Star');
    await chooseHub(ana.page, 'Ana');
    await everyoneSeesEveryone(people);
    await chooseHub(ana.page, 'Bo');
    await everyoneSeesEveryone(people);
    await switchTopology(ana.page, 'Ring');
    await everyoneSeesEveryone(people);
    await switchTopology(ana.page, 'Full mesh');
    await everyoneSeesEveryone(people);
  });
});
