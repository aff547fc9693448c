import type { PeerId } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import type { OutgoingTrack } from '../forwarding';
import { resolveOutgoing } from './outgoing';

const out = (origin: PeerId, from: PeerId | null): OutgoingTrack => ({
  origin,
  key: 'cam',
  kind: 'video',
  from,
});

describe('resolveOutgoing', () => {
  it("[M10] local sources come from this peer's streams, relayed ones from their link", () => {
    const result = resolveOutgoing(
      new Map([
        ['peer-bbbb', [out('peer-self', null), out('peer-cccc', 'peer-cccc')]],
        ['peer-cccc', []],
      ]),
      {
        local: (key, kind) => `local ${key} ${kind}`,
        relayed: (from, id) => `${id.origin} via ${from}`,
      },
    );
    expect(Object.fromEntries(result)).toEqual({
      'peer-bbbb': [
        { identity: { origin: 'peer-self', key: 'cam', kind: 'video' }, track: 'local cam video' },
        {
          identity: { origin: 'peer-cccc', key: 'cam', kind: 'video' },
          track: 'peer-cccc via peer-cccc',
        },
      ],
      'peer-cccc': [],
    });
  });

  it('[M10] a source without a track right now is left out, not sent empty', () => {
    const result = resolveOutgoing(new Map([['peer-bbbb', [out('peer-self', null)]]]), {
      local: () => undefined,
      relayed: () => 'never asked',
    });
    expect(result.get('peer-bbbb')).toEqual([]);
  });
});
