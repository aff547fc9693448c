// Chat and files over the mesh's data channels with real bots on real WebRTC, in every topology,
// inside a loopback-only namespace.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Bot } from '../Bot';
import { TOPOLOGIES, useEngineSuite } from '../testing/engineSuite';

const suite = useEngineSuite();
const log = (line: string) => console.info(`[engine] ${line}`);

describe('data plane', () => {
  it('[E7] chat exactly once and a 5 MB file with a matching SHA-256 in every topology', async () => {
    const room = suite.newRoom('data');
    await room.add(4);
    await room.settled('mesh');
    const file = new Uint8Array(5 * 1024 * 1024);
    for (let i = 0; i < file.length; i++) file[i] = (i * 2654435761) >>> 24;
    const sha256 = createHash('sha256').update(file).digest('hex');
    for (const [round, topology] of TOPOLOGIES.entries()) {
      await room.bots[0]?.session.setTopology(topology);
      await room.settled(topology);
      await room.flowing(topology, 1);
      const sent = await Promise.all(
        room.bots.map((b) => b.session.sendChat(`hello from ${b.name} in ${topology}`)),
      );
      const sender = room.bots[(round + 1) % room.bots.length] as Bot;
      const filesBefore = new Map(room.bots.map((b) => [b, b.files.length]));
      const t0 = Date.now();
      await sender.session.sendFile({
        name: `blob-${topology}.bin`,
        mimeType: 'application/octet-stream',
        data: file,
      });
      await Promise.all(
        room.bots
          .filter((b) => b !== sender)
          .map((b) =>
            b.waitFor((x) => x.files.length > (filesBefore.get(b) ?? 0), {
              timeoutMs: 120_000,
              what: `the ${topology} file`,
            }),
          ),
      );
      const fileMs = Date.now() - t0;
      for (const b of room.bots) {
        await b.waitFor(
          (x) => sent.every((m) => m.origin === x.id || x.chats.some((c) => c.id === m.id)),
          { what: `every ${topology} chat` },
        );
      }
      for (const b of room.bots) {
        for (const m of sent) {
          if (m.origin === b.id) continue;
          expect(
            b.chats.filter((c) => c.id === m.id),
            `${b.name} got ${m.id}`,
          ).toHaveLength(1);
          expect(b.chats.find((c) => c.id === m.id)?.text).toBe(m.text);
        }
        if (b !== sender) {
          const got = b.files.at(-1);
          expect(got?.sha256).toBe(sha256);
          expect(got?.size).toBe(file.length);
          expect(got?.origin).toBe(sender.id);
          expect(
            createHash('sha256')
              .update(got?.data ?? new Uint8Array())
              .digest('hex'),
          ).toBe(sha256);
        }
      }
      log(
        `${topology}: chat delivered once to everyone; 5 MB file from ${sender.name} verified by all in ${fileMs} ms`,
      );
    }
    // Exactly once over the whole run too: no chat id ever arrived twice anywhere.
    for (const b of room.bots) {
      const ids = b.chats.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});
