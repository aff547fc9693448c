import { describe, expect, it } from 'vitest';
import { FEED_EVENT_NAMES, parseFeedEvent } from './feed';

const PEER = {
  id: 'peer-aaaa1',
  displayName: 'Ada',
  media: { audio: true, video: false, screen: false },
  host: true,
  connected: true,
};

describe('[P20] feed events', () => {
  it('parses each event by its name', () => {
    expect(FEED_EVENT_NAMES).toEqual([
      'snapshot',
      'peer-joined',
      'peer-left',
      'peer-updated',
      'topology',
      'plan',
      'links',
    ]);
    expect(parseFeedEvent('peer-joined', JSON.stringify({ peer: PEER }))).toEqual({
      event: 'peer-joined',
      data: { peer: PEER },
    });
    expect(parseFeedEvent('plan', '{"version":3,"topology":"star","hub":"peer-aaaa1"}')).toEqual({
      event: 'plan',
      data: { version: 3, topology: 'star', hub: 'peer-aaaa1' },
    });
  });

  it('refuses unknown names, inherited names, bad JSON and bad shapes', () => {
    expect(parseFeedEvent('toString', '{}')).toBeNull();
    expect(parseFeedEvent('__proto__', '{}')).toBeNull();
    expect(parseFeedEvent('peer-left', '{')).toBeNull();
    expect(parseFeedEvent('peer-left', '{"peerId":"x"}')).toBeNull();
    expect(parseFeedEvent('topology', '{"topology":"tree"}')).toBeNull();
  });
});
