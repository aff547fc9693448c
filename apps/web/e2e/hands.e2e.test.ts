import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinAs, type Stack, startStack } from './harness';

const ROOM = 'e2e-hands-room';

/** The names in this page's people panel, top to bottom. */
async function peopleOrder(page: Page): Promise<string[]> {
  const list = page.getByRole('list', { name: 'People in the room' });
  return list.locator('li[data-peer] .person-name bdi').allTextContents();
}

describe('hands and reactions', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('[P26] another page sees hands in the order raised, reactions on the tile, and the host lowering a hand', async () => {
    const ana = await joinAs(stack, ROOM, 'Ana');
    const bo = await joinAs(stack, ROOM, 'Bo');
    const cy = await joinAs(stack, ROOM, 'Cy');
    for (const page of [ana, bo, cy]) {
      await page.getByRole('figure', { name: 'Cy', exact: true }).waitFor();
    }

    await cy.getByRole('button', { name: 'Raise hand' }).click();
    await cy.getByRole('button', { name: 'Lower hand' }).waitFor();
    await bo.getByRole('button', { name: 'Raise hand' }).click();
    // Ana sees both, Cy first: on the tiles and in the people panel.
    const cyTile = ana.getByRole('figure', { name: 'Cy', exact: true });
    const boTile = ana.getByRole('figure', { name: 'Bo', exact: true });
    await cyTile.getByRole('img', { name: 'Hand raised (1 in line)' }).waitFor();
    await boTile.getByRole('img', { name: 'Hand raised (2 in line)' }).waitFor();
    await ana.getByRole('button', { name: 'Participants' }).click();
    await expect.poll(() => peopleOrder(ana)).toEqual(['Cy', 'Bo', 'Ana']);

    // A reaction shows on the sender's tile on every other page.
    await bo.getByRole('button', { name: 'React: Clap' }).click();
    await boTile.getByRole('img', { name: 'Reacted: Clap' }).waitFor();
    await cy
      .getByRole('figure', { name: 'Bo', exact: true })
      .getByRole('img', { name: 'Reacted: Clap' })
      .waitFor();

    // The host lowers Cy's hand: Bo moves up everywhere, and Cy's button says so.
    await ana.getByRole('button', { name: "Lower Cy's hand" }).click();
    await cy.getByRole('button', { name: 'Raise hand' }).waitFor();
    await bo
      .getByRole('figure', { name: 'Bo', exact: true })
      .getByRole('img', { name: 'Hand raised (1 in line)' })
      .waitFor();
    await expect.poll(() => peopleOrder(ana)).toEqual(['Bo', 'Ana', 'Cy']);
    // Bo lowers their own hand.
    await bo.getByRole('button', { name: 'Lower hand' }).click();
    await boTile.getByRole('img', { name: /Hand raised/ }).waitFor({ state: 'detached' });
  });
});
