import { exitOf } from '@meshwork/netlab';
import { afterEach, describe, expect, it } from 'vitest';
import { NetRoom } from './NetRoom';

const canRun = process.getuid?.() === 0;

let room: NetRoom | null = null;
afterEach(async () => {
  await room?.close();
  room = null;
});

const exited = (room: NetRoom, index: number) =>
  new Promise<void>((resolve) => {
    const child = room.bots[index]?.child;
    if (!child || exitOf(child)) resolve();
    else child.once('exit', () => resolve());
  });

describe.skipIf(!canRun)('a net room whose bot process dies', () => {
  it('says how it died when asked, and tells a death of its own from one the room caused', async () => {
    room = await NetRoom.start({ bots: 2 });
    const r = room;
    const pid = r.bots[1]?.child.pid;
    if (pid === undefined) throw new Error('no bot 2 process');
    // As a native crash would: the room did not stop it.
    process.kill(pid, 'SIGSEGV');
    await exited(r, 1);

    await expect(r.report(1)).rejects.toThrow('bot 2 report: its process was killed by SIGSEGV');
    expect(r.diedOnTheirOwn()).toEqual([{ index: 1, exit: { code: null, signal: 'SIGSEGV' } }]);
    expect(r.diedOnTheirOwn()).toEqual([]);

    await r.crashBot(0);
    expect(r.diedOnTheirOwn()).toEqual([]);
    await expect(r.report(0)).rejects.toThrow('its process was killed by SIGKILL');
  });
});
