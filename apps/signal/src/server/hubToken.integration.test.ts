import { describe, expect, it } from 'vitest';
import type { JoinInput } from '../registry/types';
import { join, joinOk, useTestStack } from '../testing/harness';

const { server, peer } = useTestStack();

const HUB_SECRET = 'media-hub-secret-0123456789';

/** Records what the edge hands the registry for each join. */
function captureJoins(s: { signal: { registry: { join(input: JoinInput): Promise<unknown> } } }) {
  const inputs: Array<JoinInput & { hubVerified?: boolean }> = [];
  const registry = s.signal.registry;
  const original = registry.join.bind(registry);
  registry.join = (input) => {
    inputs.push(input);
    return original(input);
  };
  return inputs;
}

describe('[P17] hub tokens at the edge', () => {
  it('[P17] marks a join hub-verified only when its hubToken matches HUB_SECRET', async () => {
    const s = await server({ config: { hubSecret: HUB_SECRET } });
    const inputs = captureJoins(s);
    await joinOk(await peer(s), 'hubs', { hubToken: HUB_SECRET });
    await joinOk(await peer(s), 'hubs', { hubToken: `${HUB_SECRET}x` });
    await joinOk(await peer(s), 'hubs', { hubToken: HUB_SECRET.slice(0, 8) });
    await joinOk(await peer(s), 'hubs');
    expect(inputs.map((i) => i.hubVerified)).toEqual([true, false, false, false]);
  });

  it('[P17] with HUB_SECRET unset no token verifies, not even an empty one', async () => {
    const s = await server();
    const inputs = captureJoins(s);
    await joinOk(await peer(s), 'hubs', { hubToken: '' });
    await joinOk(await peer(s), 'hubs', { hubToken: HUB_SECRET });
    expect(inputs.map((i) => i.hubVerified)).toEqual([false, false]);
  });

  it('[P17] refuses an oversized hubToken as a bad payload before the registry sees it', async () => {
    const s = await server({ config: { hubSecret: HUB_SECRET } });
    const inputs = captureJoins(s);
    expect(await join(await peer(s), 'hubs', { hubToken: 'x'.repeat(10_000) })).toMatchObject({
      ok: false,
      error: 'ERR_PAYLOAD_TOO_LARGE',
    });
    expect(inputs).toEqual([]);
  });

  it('[P17] a client claiming { deviceClass: server, uplinkKbps: 1e7 } without the hub token is refused and never becomes hub', async () => {
    const s = await server({ config: { hubSecret: HUB_SECRET } });
    const a = await peer(s);
    const b = await peer(s);
    const ra = await joinOk(a, 'star-room');
    await a.socket.emitWithAck('setTopology', { topology: 'star' });
    const claim = { deviceClass: 'server' as const, uplinkKbps: 1e7 };
    const before = JSON.stringify(s.signal.registry.dump());
    for (const hubToken of [undefined, 'guess-the-hub-secret', '']) {
      const res = await join(b, 'star-room', {
        capacity: claim,
        ...(hubToken !== undefined ? { hubToken } : {}),
      });
      expect(res).toMatchObject({ ok: false, error: 'ERR_HUB_AUTH' });
    }
    expect(JSON.stringify(s.signal.registry.dump())).toBe(before);
    // Joined honestly, the same claim on update is refused too; the hub stays the honest peer.
    const rb = await joinOk(b, 'star-room');
    expect(rb.plan.hub).toBe(ra.selfId);
    expect(await b.socket.emitWithAck('updatePeer', { capacity: claim })).toMatchObject({
      ok: false,
      error: 'ERR_HUB_AUTH',
    });
    // A media hub that presents HUB_SECRET may make the claim and is elected.
    const hub = await peer(s);
    const rh = await joinOk(hub, 'star-room', { capacity: claim, hubToken: HUB_SECRET });
    expect(rh.plan.hub).toBe(rh.selfId);
  });
});
