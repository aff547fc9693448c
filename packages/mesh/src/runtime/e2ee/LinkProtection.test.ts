import type { PeerId } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import type { FrameProtector, FrameTarget } from './FrameProtector';
import { LinkProtection } from './LinkProtection';
import type { FrameControl } from './workerMessages';

/** A protector that records what it was asked to pipe and every control message. */
function recordingProtector() {
  const piped: Array<{ target: FrameTarget; side: string; kind: string }> = [];
  const controls: FrameControl[] = [];
  const protector: FrameProtector = {
    api: 'script-transform',
    needsEncodedInsertableStreams: false,
    protect(target, side, kind) {
      piped.push({ target, side, kind });
      return piped.length;
    },
    control: (message) => controls.push(message),
    onCounts: () => () => {},
    close: () => {},
  };
  return { protector, piped, controls };
}

const receiverOf = (kind: 'audio' | 'video') => ({ track: { kind } }) as unknown as RTCRtpReceiver;
const transceiver = (mid: string | null, receiver: RTCRtpReceiver) =>
  ({ mid, receiver }) as unknown as RTCRtpTransceiver;

describe('LinkProtection', () => {
  it('pipes a receiver at its track event once, and routes it when the manifest names it', () => {
    const { protector, piped, controls } = recordingProtector();
    const link = new LinkProtection(protector, 'hub' as PeerId);
    const video = receiverOf('video');

    link.receiver(video);
    expect(piped).toEqual([{ target: video, side: 'receive', kind: 'video' }]);
    expect(controls).toEqual([]);

    link.receivers([transceiver('1', video)], new Map([['1', 'ana' as PeerId]]));
    link.receivers([transceiver('1', video)], new Map([['1', 'ana' as PeerId]]));
    expect(piped).toHaveLength(1);
    expect(controls).toEqual([{ type: 'route', id: 1, origin: 'ana', via: 'hub' }]);
  });

  it('pipes receivers the engine made without a track event when the description is applied', () => {
    const { protector, piped } = recordingProtector();
    const link = new LinkProtection(protector, 'bo' as PeerId);
    const audio = receiverOf('audio');
    link.receivers([transceiver(null, audio)], new Map());
    expect(piped).toEqual([{ target: audio, side: 'receive', kind: 'audio' }]);
  });

  it('pipes nothing once closed, and forgets its routes', () => {
    const { protector, piped, controls } = recordingProtector();
    const link = new LinkProtection(protector, 'hub' as PeerId);
    link.receivers([transceiver('0', receiverOf('audio'))], new Map([['0', 'cy' as PeerId]]));
    link.close();
    link.receiver(receiverOf('video'));
    expect(piped).toHaveLength(1);
    expect(controls.at(-1)).toEqual({ type: 'forget', id: 1 });
  });
});
