import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinAs, type Stack, startStack } from './harness';

const ROOM = 'e2e-roles-room';

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('dialog', { name: 'Settings' }).waitFor();
}

describe('roles in the room', () => {
  let stack: Stack;
  /** The host's page, kept for the second step. */
  let ana: Page;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('[P15] the first joiner hosts: limits topology to the host, and removes someone for good', async () => {
    ana = await joinAs(stack, ROOM, 'Ana');
    const bo = await joinAs(stack, ROOM, 'Bo');
    const cy = await joinAs(stack, ROOM, 'Cy');
    for (const page of [ana, bo, cy]) {
      await page.getByRole('figure', { name: 'Cy', exact: true }).waitFor();
    }

    // Everyone sees who hosts.
    await bo.getByRole('button', { name: 'Participants' }).click();
    const people = bo.getByRole('list', { name: 'People in the room' });
    await people.getByRole('listitem').filter({ hasText: 'Ana' }).getByText('Host').waitFor();
    expect(await bo.getByRole('button', { name: /^Remove / }).count()).toBe(0);

    // Ana limits topology and hub to the host.
    await openSettings(ana);
    // Room controls show what the server says, so a click shows once the room update arrives.
    await ana.getByRole('radio', { name: 'Host only' }).click();
    await expect.poll(() => ana.getByRole('radio', { name: 'Host only' }).isChecked()).toBe(true);
    await openSettings(bo);
    await expect.poll(() => bo.getByRole('radio', { name: 'Ring' }).isDisabled()).toBe(true);
    await bo.getByText('Only the host (Ana) can change this in this room.').first().waitFor();
    await bo.getByRole('button', { name: 'Close settings' }).click();
    // The host still can, and everyone follows.
    await ana.getByRole('radio', { name: 'Ring' }).check();
    await ana.getByRole('button', { name: 'Close settings' }).click();
    await bo.getByText(/^Topology: Ring/).waitFor();

    // Ana removes Cy: Cy is told, and the others see Cy go.
    await ana.getByRole('button', { name: 'Participants' }).click();
    await ana.getByRole('button', { name: 'Remove Cy' }).click();
    await cy.getByRole('heading', { name: 'The host removed you from the room.' }).waitFor();
    for (const page of [ana, bo]) {
      await page.getByRole('figure', { name: 'Cy', exact: true }).waitFor({ state: 'detached' });
    }
    expect(await cy.getByRole('button', { name: /Rejoin|^Join$/ }).count()).toBe(0);
  });

  it('[P15] a locked room refuses newcomers; a password lets only those who know it in', async () => {
    await openSettings(ana);
    await ana.getByRole('checkbox', { name: /Lock the room/ }).click();
    await expect
      .poll(() => ana.getByRole('checkbox', { name: /Lock the room/ }).isChecked())
      .toBe(true);

    const di = await joinAs(stack, ROOM, 'Di');
    await di.getByText('The room is locked; ask the host to unlock it.').waitFor();

    await ana.getByRole('checkbox', { name: /Lock the room/ }).click();
    await expect
      .poll(() => ana.getByRole('checkbox', { name: /Lock the room/ }).isChecked())
      .toBe(false);
    await ana.getByLabel('Set a room password').fill('tea-at-five');
    await ana.getByRole('button', { name: 'Set password' }).click();
    await ana.getByRole('button', { name: 'Remove password' }).waitFor();
    await ana.getByRole('button', { name: 'Close settings' }).click();

    // Without the password Di is asked for it; a wrong one is refused, the right one admits.
    await di.getByRole('button', { name: 'Join' }).click();
    await di.getByLabel('Room password').fill('coffee');
    await di.getByRole('button', { name: 'Join' }).click();
    await di.getByText('Wrong password. Check it with whoever shared the link.').waitFor();
    await di.getByLabel('Room password').fill('tea-at-five');
    await di.getByRole('button', { name: 'Join' }).click();
    await di.getByRole('figure', { name: 'Ana', exact: true }).waitFor();
    await ana.getByRole('figure', { name: 'Di', exact: true }).waitFor();
  });
});
