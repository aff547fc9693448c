// The README's pictures, one named step each (`--only <name>`). A step gets a fresh room with its
// people joined and playing, acts through what the pages show, and shoots; host-only actions run
// on whichever page the people panel marks as host.
import {
  closePeople,
  closeSettings,
  hostOf,
  inSettings,
  openPeople,
  openSettings,
  PHONE,
  switchTo,
  waitForVideos,
} from './call.mjs';

const FOUR = ['Ana', 'Bo', 'Cy', 'Di'];

/** A page of the call other than `host`, preferring `name`. */
function otherThan(call, host, name) {
  const wanted = call.page(name);
  return wanted !== host ? wanted : (call.pages.find((p) => p !== host) ?? wanted);
}

/**
 * Each step: `name` (for `--only`), the room it opens, who joins it (in order), the pictures it
 * writes, `mediaHub: true` for a step with a media hub of its own, and
 * `run({ call, shot, browser, baseUrl })`; `shot(page, file, options)` saves a
 * settled picture (see shoot.mjs; `tiles` defaults to everyone in the call).
 */
export const STEPS = [
  {
    name: 'mesh',
    room: 'team-standup',
    people: FOUR,
    files: ['call-mesh.png'],
    // A new room is Automatic: four people run a full mesh, and the header says why.
    async run({ call, shot }) {
      const bo = call.page('Bo');
      await openPeople(bo);
      await bo.getByText(/^Topology: Automatic · Mesh: 4 people/).waitFor();
      await bo.getByRole('img', { name: 'Full mesh topology of 4 peers' }).waitFor();
      await shot(bo, 'call-mesh.png');
    },
  },
  {
    name: 'settings',
    room: 'design-review',
    people: FOUR,
    files: ['settings-topology.png'],
    // The topology picker, each choice with what it would cost Ana now.
    async run({ call, shot }) {
      const ana = call.page('Ana');
      await openSettings(ana);
      await ana.getByRole('dialog', { name: 'Settings' }).waitFor();
      await ana.locator('[data-auto-pick]').waitFor();
      await shot(ana, 'settings-topology.png');
    },
  },
  {
    name: 'hands',
    room: 'all-hands',
    people: FOUR,
    files: ['hands-reaction.png'],
    // Two hands up in order, then a reaction floating over Bo's tile, as Ana sees them.
    async run({ call, shot }) {
      const [ana, bo, cy, di] = FOUR.map((n) => call.page(n));
      await openPeople(ana);
      for (const [page, name] of [
        [cy, 'Cy'],
        [di, 'Di'],
      ]) {
        await page.getByRole('button', { name: 'Raise hand' }).click();
        await ana
          .getByRole('figure', { name, exact: true })
          .getByRole('img', { name: /Hand raised/ })
          .waitFor();
      }
      await ana.locator('.toast').first().waitFor({ state: 'detached' });
      await waitForVideos(ana, call.pages.length, 5);
      await bo.getByRole('button', { name: 'React: Heart' }).click();
      await ana
        .getByRole('figure', { name: 'Bo', exact: true })
        .getByRole('img', { name: 'Reacted: Heart' })
        .waitFor();
      // A reaction floats for four seconds: shot at once (the videos played a moment ago).
      await shot(ana, 'hands-reaction.png', { toasts: true, tiles: 0 });
    },
  },
  {
    name: 'zh',
    room: 'weekly-sync',
    people: FOUR,
    files: ['call-zh.png'],
    // Bo switches his page to Simplified Chinese, call running. Whatever the room runs (a loaded
    // machine may have made Automatic go star), the header says it in Chinese.
    async run({ call, shot }) {
      const bo = call.page('Bo');
      await openPeople(bo);
      await inSettings(bo, (d) => d.getByLabel('Language').selectOption('zh-CN'));
      await bo.getByText(/^拓扑：/).waitFor();
      await bo.getByRole('list', { name: '房间成员' }).waitFor();
      await shot(bo, 'call-zh.png');
    },
  },
  {
    name: 'e2ee',
    room: 'board-meeting',
    people: FOUR,
    files: ['e2ee-mesh.png', 'e2ee-confirm.png', 'e2ee-star.png'],
    // The host turns end-to-end encryption on; the shield says so and the people panel says who
    // decodes your media. A star through a browser would end it: the host is asked first.
    async run({ call, shot }) {
      const host = await hostOf(call);
      // The switch follows the room: it shows checked once the signal app applied it.
      await inSettings(host, async (d) => {
        const toggle = d.getByRole('checkbox', { name: 'End-to-end encryption' });
        await toggle.click();
        await toggle.and(d.locator(':checked')).waitFor();
      });
      for (const page of call.pages) {
        await page
          .locator('[data-e2ee="encrypted"]', { hasText: 'End-to-end encrypted' })
          .waitFor();
      }
      const viewer = otherThan(call, host, 'Cy');
      await openPeople(viewer);
      await viewer.getByRole('region', { name: 'Who sees your media' }).first().waitFor();
      await shot(viewer, 'e2ee-mesh.png');

      await closePeople(host);
      await openSettings(host);
      // The radio stays where it was until the switch is confirmed: a click, not check().
      await host.getByRole('radio', { name: 'Star' }).click();
      const confirm = host.getByRole('alertdialog', { name: 'End end-to-end encryption?' });
      await confirm.getByRole('button', { name: 'Switch anyway' }).waitFor();
      await confirm.scrollIntoViewIfNeeded();
      await shot(host, 'e2ee-confirm.png');
      await confirm.getByRole('button', { name: 'Switch anyway' }).click();
      await confirm.waitFor({ state: 'detached' });
      await closeSettings(host);
      for (const page of call.pages) {
        await page.getByText(/^Topology: Star/).waitFor();
        await page.locator('[data-e2ee="relayed"]').waitFor();
      }
      await viewer
        .getByText(/^Your video is decoded by: /)
        .first()
        .waitFor();
      await shot(viewer, 'e2ee-star.png');
    },
  },
  {
    name: 'star',
    room: 'release-call',
    people: FOUR,
    files: ['call-star.png'],
    // The star as Bo sees it (the control bar's emoji drawn, not boxes).
    async run({ call, shot }) {
      await switchTo(call, 'Star');
      const bo = call.page('Bo');
      await openPeople(bo);
      await bo.getByRole('img', { name: 'Star topology of 4 peers' }).waitFor();
      await shot(bo, 'call-star.png');
    },
  },
  {
    name: 'hybrid',
    room: 'radio-check',
    people: FOUR,
    files: ['settings-hybrid.png', 'call-hybrid.png'],
    // Hybrid: audio direct to everyone while video keeps the star; the settings show what it
    // costs and the picture draws the audio-only links dotted; the tiles say both paths.
    async run({ call, shot }) {
      await switchTo(call, 'Star');
      const host = await hostOf(call);
      await closePeople(host);
      await openSettings(host);
      await host.getByLabel('Audio: direct to everyone').check();
      // The hub receives everything directly: only the leaves' tiles say both paths.
      const status = await host.locator('.topology-status').textContent();
      const hub = call.byName.get(/hub: ([^)]+)\)/.exec(status ?? '')?.[1] ?? '');
      for (const page of call.pages) {
        if (page === hub) continue;
        await page
          .getByText(/^audio direct, video /)
          .first()
          .waitFor();
      }
      const dialog = host.getByRole('dialog', { name: 'Settings' });
      await dialog.getByText('Audio-only up').first().waitFor();
      const picture = dialog.getByRole('img', { name: 'Star topology of 4 peers' });
      await picture.scrollIntoViewIfNeeded();
      await shot(host, 'settings-hybrid.png');
      await closeSettings(host);
      const viewer = otherThan(call, host, 'Cy');
      await openPeople(viewer);
      await viewer.getByRole('img', { name: 'Star topology of 4 peers' }).waitFor();
      await viewer
        .getByText(/^audio direct, video via /)
        .first()
        .waitFor();
      await shot(viewer, 'call-hybrid.png');
    },
  },
  {
    name: 'ring',
    room: 'ring-road',
    people: FOUR,
    files: ['call-ring.png'],
    // The ring: neighbours direct, the one across two hops away.
    async run({ call, shot }) {
      await switchTo(call, 'Ring');
      const bo = call.page('Bo');
      await openPeople(bo);
      await bo.getByRole('img', { name: 'Ring topology of 4 peers' }).waitFor();
      await bo
        .locator('figure[data-origin]')
        .getByText(/· 2 hops$/)
        .waitFor();
      await shot(bo, 'call-ring.png');
    },
  },
  {
    name: 'lobby',
    room: 'interviews',
    people: FOUR,
    files: ['lobby-waiting.png', 'lobby-host.png'],
    // The host turns the lobby on; Eve asks to join and waits; the host sees her in the list.
    async run({ call, shot }) {
      const host = await hostOf(call);
      await inSettings(host, (d) => d.getByRole('checkbox', { name: /^Lobby/ }).check());
      const eve = await call.join('Eve', { admitted: false });
      await eve.getByRole('heading', { name: 'Waiting for the host to let you in' }).waitFor();
      await shot(eve, 'lobby-waiting.png', { tiles: 0 });
      await openPeople(host);
      await host.getByRole('list', { name: 'Waiting to join' }).getByText('Eve').waitFor();
      await host.getByRole('button', { name: 'Let Eve in' }).waitFor();
      await shot(host, 'lobby-host.png', { toasts: true, tiles: FOUR.length });
      await host.getByRole('button', { name: 'Let Eve in' }).click();
      await eve.getByRole('navigation', { name: 'Call controls' }).waitFor();
    },
  },
  {
    name: 'auto',
    room: 'company-update',
    people: [...FOUR, 'Eve', 'Fay'],
    files: ['auto-star.png'],
    // Six people: the Automatic room went star, through the media hub as `npm start` runs one,
    // and the header says why. (Six pages on two cores did not hold a star through a browser hub:
    // it re-encodes five streams for five people.)
    mediaHub: true,
    async run({ call, shot }) {
      for (const page of call.pages) {
        await page.getByText(/^Topology: Automatic · Star: /).waitFor();
      }
      const ana = call.page('Ana');
      await ana
        .getByText(/^Topology: Automatic · Star: 6 people, through the media server/)
        .waitFor();
      for (const name of ['Bo', 'Cy', 'Di', 'Eve', 'Fay']) {
        await ana.getByRole('figure', { name }).getByText('via Server · 2 hops').waitFor();
      }
      await shot(ana, 'auto-star.png');
    },
  },
  {
    name: 'phone',
    room: 'on-the-go',
    people: ['Ana', 'Bo', 'Cy', { name: 'Di', viewport: PHONE }],
    files: ['phone.png'],
    // The call on a phone's screen.
    async run({ call, shot }) {
      const di = call.page('Di');
      await di.getByRole('navigation', { name: 'Call controls' }).waitFor();
      await shot(di, 'phone.png');
    },
  },
  {
    name: 'recording',
    room: 'customer-demo',
    people: FOUR,
    files: ['recording.png'],
    // Ana records; Bo sees the red dot and who records.
    async run({ call, shot }) {
      const [ana, bo] = [call.page('Ana'), call.page('Bo')];
      await ana.getByRole('button', { name: 'Record' }).click();
      await ana.getByRole('button', { name: 'Stop recording' }).waitFor();
      await bo.locator('.recording-indicator', { hasText: 'Recording · Ana' }).waitFor();
      await shot(bo, 'recording.png');
      await ana.getByRole('button', { name: 'Stop recording' }).click();
      await bo.locator('.recording-indicator').waitFor({ state: 'detached' });
    },
  },
];
