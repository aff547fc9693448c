// [P25] The lobby with real socket.io clients against the real signal app.
import type { LobbyEntry, PeerInfo, RoomSettings } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { disconnected, join, joinOk, type Peer, useTestStack } from '../testing/harness';

const { server, peer } = useTestStack();

type Waiting = { waiting: LobbyEntry[] };

/** Waits until `member` sees exactly `names` waiting, in that order. */
function sees(member: Peer, names: string[]): Promise<Waiting> {
  return member.events.waitFor<Waiting>(
    'lobbyChanged',
    (e) => e.waiting.map((w) => w.displayName).join() === names.join(),
  );
}

/** Events a waiter must never get: anything about the room it waits for. */
const ROOM_EVENTS = [
  'peerJoined',
  'peerUpdated',
  'peerLeft',
  'settingsChanged',
  'linksChanged',
  'planPrepared',
  'planCommitted',
  'signal',
  'lobbyChanged',
];

async function lobbyRoom(s: Awaited<ReturnType<typeof server>>, roomId: string) {
  const host = await peer(s);
  const h = await joinOk(host, roomId, { displayName: 'Host' });
  expect(await host.socket.emitWithAck('updateRoom', { lobby: true })).toEqual({ ok: true });
  await host.events.waitFor<RoomSettings>('settingsChanged', (x) => x.lobby);
  return { host, h };
}

describe('[P25] lobby', () => {
  it('[P25] a newcomer waits with ERR_LOBBY_WAITING and learns nothing of the room until let in', async () => {
    const s = await server();
    const { host, h } = await lobbyRoom(s, 'lobby-admit');
    const member = await peer(s);
    // A member who joined before the lobby went on is a member; one who comes later waits.
    const guest = await peer(s);
    expect(await join(guest, 'lobby-admit', { displayName: 'Guest' })).toMatchObject({
      ok: false,
      error: 'ERR_LOBBY_WAITING',
    });
    const [entry] = (await sees(host, ['Guest'])).waiting;
    expect(entry?.id).toMatch(/^[A-Za-z0-9_-]{8,32}$/);
    // A second member (who is not the host) cannot answer, and sees the list on joining.
    const memberJoin = await join(member, 'lobby-admit', { displayName: 'Member' });
    expect(memberJoin).toMatchObject({ ok: false, error: 'ERR_LOBBY_WAITING' });
    await sees(host, ['Guest', 'Member']);
    // Nothing of the room reached the waiters: no peers, plan, settings or signals.
    for (const event of ROOM_EVENTS) {
      expect(guest.events.all(event)).toEqual([]);
      expect(member.events.all(event)).toEqual([]);
    }
    // A waiter has no seat, so every room request is refused.
    expect(await guest.socket.emitWithAck('setTopology', { topology: 'star' })).toMatchObject({
      error: 'ERR_NOT_JOINED',
    });
    expect(
      await guest.socket.emitWithAck('signal', {
        to: h.selfId,
        epoch: 0,
        signal: { type: 'candidate', candidate: null },
      }),
    ).toMatchObject({ error: 'ERR_NOT_JOINED' });
    expect(
      await guest.socket.emitWithAck('answerLobby', { id: entry?.id ?? '', admit: true }),
    ).toMatchObject({ error: 'ERR_NOT_JOINED' });
    // Joining again before an answer keeps one place in the list.
    expect(await join(guest, 'lobby-admit', { displayName: 'Guest' })).toMatchObject({
      error: 'ERR_LOBBY_WAITING',
    });
    expect(s.signal.registry.dump()).toMatchObject([{ peers: [{ id: h.selfId }] }]);

    expect(
      await host.socket.emitWithAck('answerLobby', { id: entry?.id ?? '', admit: true }),
    ).toEqual({ ok: true });
    expect(await guest.events.waitFor('lobbyAdmitted')).toEqual({ roomId: 'lobby-admit' });
    await sees(host, ['Member']);
    const g = await joinOk(guest, 'lobby-admit', { displayName: 'Guest' });
    expect(g.room.peers.map((p) => p.displayName)).toEqual(['Host', 'Guest']);
    expect(g.plan.links.map((l) => l.peer)).toEqual([h.selfId]);
    // The new member sees who still waits.
    expect(await sees(guest, ['Member'])).toBeTruthy();
    await host.events.waitFor<PeerInfo>('peerJoined', (p) => p.id === g.selfId);
  });

  it('[P25] the host turns a waiter away: ERR_LOBBY_DECLINED, dropped, and it cannot slip in', async () => {
    const s = await server();
    const { host } = await lobbyRoom(s, 'lobby-decline');
    const guest = await peer(s);
    expect(await join(guest, 'lobby-decline', { displayName: 'Guest' })).toMatchObject({
      error: 'ERR_LOBBY_WAITING',
    });
    const [entry] = (await sees(host, ['Guest'])).waiting;
    const gone = disconnected(guest);
    expect(
      await host.socket.emitWithAck('answerLobby', { id: entry?.id ?? '', admit: false }),
    ).toEqual({ ok: true });
    expect(await guest.events.waitFor('serverError')).toMatchObject({
      error: 'ERR_LOBBY_DECLINED',
    });
    await gone;
    await sees(host, []);
    // An answered waiter is unknown now; a malformed id is refused by the schema.
    expect(
      await host.socket.emitWithAck('answerLobby', { id: entry?.id ?? '', admit: true }),
    ).toMatchObject({ error: 'ERR_UNKNOWN_PEER' });
    expect(
      await host.socket.emitWithAck('answerLobby', { id: 'x'.repeat(40), admit: true }),
    ).toMatchObject({ error: 'ERR_BAD_REQUEST' });
    expect(s.signal.registry.dump()).toMatchObject([{ peers: [{ displayName: 'Host' }] }]);
  });

  it('[P25] only the host answers; the next host sees the list, and turning the lobby off lets everyone in', async () => {
    const s = await server();
    const { host, h } = await lobbyRoom(s, 'lobby-host');
    const second = await peer(s);
    // Let a second member in first, so the role has somewhere to go.
    expect(await join(second, 'lobby-host', { displayName: 'Second' })).toMatchObject({
      error: 'ERR_LOBBY_WAITING',
    });
    const [first] = (await sees(host, ['Second'])).waiting;
    await host.socket.emitWithAck('answerLobby', { id: first?.id ?? '', admit: true });
    await second.events.waitFor('lobbyAdmitted');
    await joinOk(second, 'lobby-host', { displayName: 'Second' });
    const guest = await peer(s);
    expect(await join(guest, 'lobby-host', { displayName: 'Guest' })).toMatchObject({
      error: 'ERR_LOBBY_WAITING',
    });
    const [entry] = (await sees(second, ['Guest'])).waiting;
    expect(
      await second.socket.emitWithAck('answerLobby', { id: entry?.id ?? '', admit: true }),
    ).toMatchObject({ error: 'ERR_NOT_HOST' });
    // The host leaves: the role passes on, and the new host answers from the list it has.
    expect(await host.socket.emitWithAck('leave')).toEqual({ ok: true });
    await second.events.waitFor<RoomSettings>('settingsChanged', (x) => x.hostId !== h.selfId);
    expect(await second.socket.emitWithAck('updateRoom', { lobby: false })).toEqual({ ok: true });
    expect(await guest.events.waitFor('lobbyAdmitted')).toEqual({ roomId: 'lobby-host' });
    await sees(second, []);
    expect(await joinOk(guest, 'lobby-host', { displayName: 'Guest' })).toBeTruthy();
  });

  it('[P25] a room that empties while people wait tells them ERR_LOBBY_CLOSED; a waiter that goes leaves the list', async () => {
    const s = await server();
    const { host } = await lobbyRoom(s, 'lobby-close');
    const quitter = await peer(s);
    const guest = await peer(s);
    await join(quitter, 'lobby-close', { displayName: 'Quitter' });
    await join(guest, 'lobby-close', { displayName: 'Guest' });
    await sees(host, ['Quitter', 'Guest']);
    quitter.socket.disconnect();
    await sees(host, ['Guest']);
    const gone = disconnected(guest);
    expect(await host.socket.emitWithAck('leave')).toEqual({ ok: true });
    expect(await guest.events.waitFor('serverError')).toMatchObject({ error: 'ERR_LOBBY_CLOSED' });
    await gone;
    expect(s.signal.registry.dump()).toEqual([]);
  });
});
