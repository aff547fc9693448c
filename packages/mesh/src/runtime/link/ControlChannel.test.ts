import { noopLogger } from '@meshwork/kit';
import { describe, expect, it } from 'vitest';
import { FakeDataChannel } from '../testing/FakeDataChannel';
import {
  CHANNEL_HIGH_WATER_BYTES,
  CHANNEL_LOW_WATER_BYTES,
  ControlChannel,
} from './ControlChannel';

function harness() {
  const log: string[] = [];
  const dc = new FakeDataChannel({ log, farEnd: () => undefined }, 0);
  const channel = new ControlChannel(dc as unknown as RTCDataChannel, noopLogger);
  return { dc, channel, log };
}

describe('ControlChannel', () => {
  it('[M7] sends wait for the channel to open, then go in order', async () => {
    const h = harness();
    let opened = 0;
    h.channel.setOpenHandler(() => opened++);
    const first = h.channel.send('a');
    const second = h.channel.send('b');
    expect(h.dc.sent).toEqual([]);
    h.dc.open();
    await expect(Promise.all([first, second])).resolves.toEqual([true, true]);
    expect(h.dc.sent).toEqual(['a', 'b']);
    expect(opened).toBe(1);
    expect(h.dc.bufferedAmountLowThreshold).toBe(CHANNEL_LOW_WATER_BYTES);
  });

  it('[M7] sends wait while the buffer is above the high water mark and resume on bufferedamountlow', async () => {
    const h = harness();
    h.dc.open();
    h.dc.bufferedAmount = CHANNEL_HIGH_WATER_BYTES + 1;
    const held = h.channel.send('later');
    expect(h.dc.sent).toEqual([]);
    h.dc.bufferedAmount = 0;
    h.dc.dispatch('bufferedamountlow');
    await expect(held).resolves.toBe(true);
    expect(h.dc.sent).toEqual(['later']);
  });

  it('[M8] close refuses queued and later sends, stops listening and closes the channel once', async () => {
    const h = harness();
    const queued = h.channel.send('never');
    h.channel.close();
    h.channel.close();
    await expect(queued).resolves.toBe(false);
    await expect(h.channel.send('after')).resolves.toBe(false);
    expect(h.log).toEqual(['channel.close']);
    for (const type of ['open', 'message', 'close', 'bufferedamountlow']) {
      expect(h.dc.listenerCount(type), type).toBe(0);
    }
  });

  it('[M8] the far end closing the channel closes it here', async () => {
    const h = harness();
    h.dc.open();
    h.dc.close();
    expect(h.channel.open).toBe(false);
    await expect(h.channel.send('x')).resolves.toBe(false);
  });
});
