import { webcrypto } from 'node:crypto';
import { noopLogger, until } from '@meshwork/kit';
import { type E2eeKeyPeerMessage, type PeerId, parsePeerMessage } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { createSigner } from '../dataPlane/signing';
import type { MeshError, Signer } from '../types';
import { E2eeKeys } from './E2eeKeys';
import { FramePipe } from './FramePipe';
import type { FrameProtector } from './FrameProtector';

const subtle = webcrypto.subtle as SubtleCrypto;
const random = webcrypto as unknown as Crypto;

/** A protector over a real pipe, without RTP: frames go through `pipe.transform` directly. */
function pipeProtector(): FrameProtector & { pipe: FramePipe } {
  const pipe = new FramePipe(subtle);
  let nextId = 1;
  return {
    pipe,
    api: 'encoded-streams',
    needsEncodedInsertableStreams: false,
    protect: () => nextId++,
    control: (message) => void pipe.control(message),
    onCounts: () => () => {},
    close: () => {},
  };
}

interface Page {
  id: PeerId;
  signer: Signer;
  keys: E2eeKeys;
  protector: ReturnType<typeof pipeProtector>;
  errors: MeshError[];
}

/** Who a page holds an open direct link to; the rest is reached through the relay. */
type Direct = (a: PeerId, b: PeerId) => boolean;
const fullMesh: Direct = () => true;
/** A star through a media hub that holds no keys: no person has a direct link to another. */
const noLinks: Direct = () => false;

/**
 * Pages wired by `direct` links (a full mesh unless told): what one sends to another arrives as
 * text through the guard, on the link or through a relay that stamps the sender.
 */
async function room(ids: PeerId[], direct: Direct = fullMesh) {
  const pages = new Map<PeerId, Page>();
  const signers = await Promise.all(ids.map(() => createSigner(subtle)));
  const members = new Map(ids.map((id, i) => [id, (signers[i] as Signer).publicKey]));
  const relayed: Array<{ from: PeerId; to: PeerId; message: E2eeKeyPeerMessage }> = [];
  const guarded = (message: E2eeKeyPeerMessage) => {
    const parsed = parsePeerMessage(JSON.stringify(message));
    if (parsed?.t !== 'e2ee-key') throw new Error('sent a message the guard refuses');
    return parsed;
  };
  ids.forEach((id, i) => {
    const protector = pipeProtector();
    const errors: MeshError[] = [];
    const keys = new E2eeKeys({
      self: id,
      subtle,
      random,
      signer: signers[i] as Signer,
      protector,
      send: async (to, message) => {
        if (!direct(id, to)) return false;
        await pages.get(to)?.keys.handle(id, guarded(message));
        return true;
      },
      relay: (to, message) => {
        relayed.push({ from: id, to, message });
        // The signal app delivers later, with the sender it stamps.
        queueMicrotask(() => void pages.get(to)?.keys.handle(id, guarded(message)));
      },
      unlinked: () => [...pages.keys()].filter((other) => other !== id && !direct(id, other)),
      raise: (error) => errors.push(error),
      logger: noopLogger,
    });
    keys.setEnabled(true);
    pages.set(id, { id, signer: signers[i] as Signer, keys, protector, errors });
  });
  for (const page of pages.values()) page.keys.setMembers(members);
  return { pages, members, relayed, page: (id: PeerId) => pages.get(id) as Page };
}

/** Waits until every page of `ids` opens the frames of every other. */
async function allOpen(pages: Map<PeerId, Page>, ids: PeerId[]): Promise<void> {
  for (const from of ids) {
    for (const to of ids) {
      if (from === to) continue;
      const [f, t] = [pages.get(from) as Page, pages.get(to) as Page];
      await until(() => opens(f, t), { what: `${to} opens ${from}`, timeoutMs: 5000 });
    }
  }
}

let routeId = 1000;
/** Whether `to` opens a frame `from` encrypts now. */
async function opens(from: Page, to: Page): Promise<boolean> {
  const id = routeId++;
  await to.protector.pipe.control({ type: 'route', id, origin: from.id, via: from.id });
  const plain = new Uint8Array(64).fill(9);
  const sealed = await from.protector.pipe.transform(
    { data: plain.slice().buffer, type: 'delta' },
    { side: 'send', kind: 'video', id: 0 },
  );
  if (sealed === null) return false;
  const opened = await to.protector.pipe.transform(sealed, { side: 'receive', kind: 'video', id });
  return opened !== null && new Uint8Array(opened.data).every((b) => b === 9);
}

const A = 'peer-aaaa';
const B = 'peer-bbbb';
const C = 'peer-cccc';

describe('E2eeKeys', () => {
  it('[P31] linked pages exchange frame keys: every page opens every other page’s frames', async () => {
    const { pages, page } = await room([A, B, C]);
    for (const p of pages.values()) for (const other of pages.keys()) p.keys.linkOpened(other);
    for (const from of pages.values()) {
      for (const to of pages.values()) {
        if (from === to) continue;
        await until(() => opens(from, to), { what: `${to.id} opens ${from.id}`, timeoutMs: 5000 });
      }
    }
    expect([...pages.values()].flatMap((p) => p.errors)).toEqual([]);
    // A page that withholds a sender's keys opens nothing of it, and counts the failures.
    page(C).keys.withhold(A);
    expect(await opens(page(A), page(C))).toBe(false);
    expect(page(C).protector.pipe.counts.failed[A]).toBeGreaterThan(0);
    expect(await opens(page(B), page(C))).toBe(true);
  });

  it('[P31] a member leaving renews every sender’s key; the one who left opens nothing new', async () => {
    const { pages, members, page } = await room([A, B, C]);
    for (const p of pages.values()) for (const other of pages.keys()) p.keys.linkOpened(other);
    await until(() => opens(page(A), page(C)), { what: 'C opens A', timeoutMs: 5000 });
    const remaining = new Map([...members].filter(([id]) => id !== C));
    page(A).keys.setMembers(remaining);
    page(B).keys.setMembers(remaining);
    await until(async () => (await opens(page(A), page(B))) && !(await opens(page(A), page(C))), {
      what: 'B opens A under the new key and C does not',
      timeoutMs: 5000,
    });
    expect(page(A).protector.pipe.counts.encrypted).toBeGreaterThan(0);
  });

  it('[P33] pages with open direct links never use the relay', async () => {
    const { pages, relayed } = await room([A, B, C]);
    for (const p of pages.values()) p.keys.planChanged();
    for (const p of pages.values()) for (const other of pages.keys()) p.keys.linkOpened(other);
    await allOpen(pages, [A, B, C]);
    expect(relayed).toEqual([]);
  });

  it('[P33] pages with no direct link to each other exchange keys through the relay', async () => {
    const { pages, relayed } = await room([A, B, C], noLinks);
    await allOpen(pages, [A, B, C]);
    expect([...pages.values()].flatMap((p) => p.errors)).toEqual([]);
    // Each ordered pair: an introduction or a key each way, and no more than a few per pair.
    expect(relayed.length).toBeGreaterThanOrEqual(6);
    expect(relayed.length).toBeLessThanOrEqual(6 * 3);
    expect(relayed.every((r) => r.message.from === r.from && r.message.to === r.to)).toBe(true);
    // Nothing more goes once everyone holds everyone's key, whatever the plans say.
    const settled = relayed.length;
    for (const p of pages.values()) p.keys.planChanged();
    await Promise.resolve();
    expect(relayed.length).toBe(settled);
  });

  it('[P33] a newcomer with no direct link gets every key and gives its own; a leave renews them through the relay', async () => {
    const D = 'peer-dddd';
    const { pages, members, page } = await room([A, B, C, D], noLinks);
    // D is not a member yet for the others: they learn of it later, as a joiner.
    const before = new Map([...members].filter(([id]) => id !== D));
    for (const id of [A, B, C]) page(id).keys.setMembers(before);
    await allOpen(pages, [A, B, C]);
    expect(await opens(page(D), page(A))).toBe(false);
    for (const p of pages.values()) p.keys.setMembers(members);
    for (const p of pages.values()) p.keys.planChanged();
    await allOpen(pages, [A, B, C, D]);
    // B leaves: every sender draws a new key, the rest open it, B opens nothing new.
    const remaining = new Map([...members].filter(([id]) => id !== B));
    for (const id of [A, C, D]) page(id).keys.setMembers(remaining);
    for (const from of [A, C, D]) {
      await until(async () => !(await opens(page(from), page(B))), {
        what: `B no longer opens ${from}`,
        timeoutMs: 5000,
      });
    }
    await allOpen(pages, [A, C, D]);
    expect([...pages.values()].flatMap((p) => p.errors)).toEqual([]);
  });

  it('[P33] a relayed key whose sender is not the one the relay names, or that is forged, is refused', async () => {
    const { page, relayed } = await room([A, B, C], noLinks);
    await until(() => opens(page(A), page(B)), { what: 'B opens A', timeoutMs: 5000 });
    const genuine = relayed.find((r) => r.from === A && r.to === B && r.message.wrapped)?.message;
    if (genuine === undefined) throw new Error('no wrapped key went from A to B');
    const b = page(B);
    b.errors.length = 0;
    // The relay names C as the sender of A's message.
    await b.keys.handle(C, genuine);
    // C's message in A's name: the relay names A, the signature is C's.
    const forgedSig = await page(C).signer.sign('anything');
    await b.keys.handle(A, { ...genuine, sig: forgedSig });
    expect(b.errors.map((e) => e.code)).toEqual(['ERR_E2EE_KEY', 'ERR_BAD_SIGNATURE']);
    expect(await opens(page(A), b)).toBe(true);
  });

  it('[P31] forged, misaddressed and unopenable keys are refused with a code, never used', async () => {
    const { page } = await room([A, B, C]);
    const b = page(B);
    // Learn what a genuine key message from A to B looks like.
    const seen: E2eeKeyPeerMessage[] = [];
    const realHandle = b.keys.handle.bind(b.keys);
    b.keys.handle = async (from, message) => {
      seen.push(message);
      return realHandle(from, message);
    };
    page(A).keys.linkOpened(B);
    page(B).keys.linkOpened(A);
    await until(() => seen.some((m) => m.wrapped !== undefined), { what: 'a wrapped key' });
    const genuine = seen.find((m) => m.wrapped !== undefined) as E2eeKeyPeerMessage;
    b.errors.length = 0;
    // Claims to come from A on C's link.
    await realHandle(C, genuine);
    // Addressed to someone else.
    await realHandle(A, { ...genuine, to: C });
    // Another key id than the one sealed: the signature no longer covers it.
    await realHandle(A, { ...genuine, keyId: genuine.keyId + 1 });
    // C signs a key in A's name.
    const forgedSig = await page(C).signer.sign('anything');
    await realHandle(A, { ...genuine, sig: forgedSig });
    expect(b.errors.map((e) => e.code)).toEqual([
      'ERR_E2EE_KEY',
      'ERR_E2EE_KEY',
      'ERR_BAD_SIGNATURE',
      'ERR_BAD_SIGNATURE',
    ]);
  });
});
