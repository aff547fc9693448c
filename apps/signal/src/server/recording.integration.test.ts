// [P29] The recording indicator with real socket.io clients against the real signal app.
import { describe, expect, it } from 'vitest';
import { RECORDING_STARTS_PER_WINDOW } from '../registry/Recordings';
import { joinOk, type Peer, useTestStack } from '../testing/harness';

const { server, peer } = useTestStack();

type Recorders = { recorders: string[] };

function seesRecorders(member: Peer, recorders: string[]): Promise<Recorders> {
  return member.events.waitFor<Recorders>(
    'recordingChanged',
    (e) => e.recorders.join() === recorders.join(),
  );
}

describe('[P29] recording indicator', () => {
  it('[P29] everyone hears who records, in the order started; newcomers too; leaving clears it', async () => {
    const s = await server();
    const [host, ana, bo] = [await peer(s), await peer(s), await peer(s)];
    await joinOk(host, 'rec', { displayName: 'Host' });
    const a = await joinOk(ana, 'rec', { displayName: 'Ana' });
    const b = await joinOk(bo, 'rec', { displayName: 'Bo' });
    expect(await bo.socket.emitWithAck('setRecording', { recording: true })).toEqual({ ok: true });
    await seesRecorders(host, [b.selfId]);
    await seesRecorders(ana, [b.selfId]);
    // The recorder hears it too (its own page shows what the room sees).
    await seesRecorders(bo, [b.selfId]);
    expect(await ana.socket.emitWithAck('setRecording', { recording: true })).toEqual({
      ok: true,
    });
    await seesRecorders(host, [b.selfId, a.selfId]);
    // Setting the state one already has sends nothing.
    const before = host.events.all('recordingChanged').length;
    expect(await bo.socket.emitWithAck('setRecording', { recording: true })).toEqual({ ok: true });
    // A newcomer is told who records as it joins.
    const cy = await peer(s);
    await joinOk(cy, 'rec', { displayName: 'Cy' });
    await seesRecorders(cy, [b.selfId, a.selfId]);
    expect(host.events.all('recordingChanged')).toHaveLength(before);
    // Stopping, then leaving while recording, each shorten the list.
    expect(await ana.socket.emitWithAck('setRecording', { recording: false })).toEqual({
      ok: true,
    });
    await seesRecorders(cy, [b.selfId]);
    await bo.socket.emitWithAck('leave');
    await seesRecorders(cy, []);
    await seesRecorders(host, []);
  });

  it('[P29] a recorder whose connection drops is cleared when its grace runs out', async () => {
    const s = await server({ config: { resumeGraceMs: 50 } });
    const [ana, bo] = [await peer(s), await peer(s)];
    const a = await joinOk(ana, 'rec-drop', { displayName: 'Ana' });
    await joinOk(bo, 'rec-drop', { displayName: 'Bo' });
    await ana.socket.emitWithAck('setRecording', { recording: true });
    await seesRecorders(bo, [a.selfId]);
    ana.socket.disconnect();
    await bo.events.waitFor('peerLeft');
    await seesRecorders(bo, []);
  });

  it('[P29] bad input, other peers and toggle floods are refused with codes and change nothing', async () => {
    const s = await server();
    const [ana, bo] = [await peer(s), await peer(s)];
    await joinOk(ana, 'rec-bad', { displayName: 'Ana' });
    const b = await joinOk(bo, 'rec-bad', { displayName: 'Bo' });
    const bad: unknown[] = [
      { recording: 'yes' },
      { recording: 1 },
      {},
      null,
      'true',
      // A peer sets only its own state: naming someone else is not part of the request.
      { recording: true, peer: b.selfId },
      { recording: true, recorders: [b.selfId] },
    ];
    for (const req of bad) {
      expect(await ana.socket.emitWithAck('setRecording', req as never)).toMatchObject({
        ok: false,
        error: 'ERR_BAD_REQUEST',
      });
    }
    expect(bo.events.all('recordingChanged')).toHaveLength(0);
    // Start and stop within the start budget; then two more starts are refused.
    const answers = [];
    for (let i = 0; i < RECORDING_STARTS_PER_WINDOW + 2; i++) {
      answers.push(await ana.socket.emitWithAck('setRecording', { recording: true }));
      if (i < RECORDING_STARTS_PER_WINDOW) {
        // Stopping is never refused, so an indicator cannot stay on after its recording ended.
        expect(await ana.socket.emitWithAck('setRecording', { recording: false })).toEqual({
          ok: true,
        });
      }
    }
    expect(answers.filter((r) => r.ok)).toHaveLength(RECORDING_STARTS_PER_WINDOW);
    expect(answers.slice(RECORDING_STARTS_PER_WINDOW)).toEqual([
      expect.objectContaining({ ok: false, error: 'ERR_RATE_LIMITED' }),
      expect.objectContaining({ ok: false, error: 'ERR_RATE_LIMITED' }),
    ]);
    // Each start and stop went out; the refused starts reached no one.
    const changes = 2 * RECORDING_STARTS_PER_WINDOW;
    await bo.events.waitFor(
      'recordingChanged',
      () => bo.events.all('recordingChanged').length === changes,
    );
    expect(bo.events.all<Recorders>('recordingChanged').at(-1)).toEqual({ recorders: [] });
    const outsider = await peer(s);
    expect(await outsider.socket.emitWithAck('setRecording', { recording: true })).toMatchObject({
      error: 'ERR_NOT_JOINED',
    });
  });
});
