import { type PeerInfo, ResumeHintsSchema } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { resumeHints } from './resumeHints';
import type { RoomView } from './types';

const peer = (id: string, joinedAt: number, displayName: string): PeerInfo => ({
  id,
  displayName,
  joinedAt,
  media: { audio: true, video: true, screen: false },
  capacity: {},
  connected: true,
});

describe('resumeHints', () => {
  it('[P9] carries the other peers, the settings, the plan version and each link epoch', () => {
    const room: RoomView = {
      roomId: 'demo',
      selfId: 'peer-bbbbbbbb',
      settings: { topology: 'ring', hubPreference: null },
      peers: [
        peer('peer-aaaaaaaa', 10, 'Ana'),
        peer('peer-bbbbbbbb', 20, 'Bo'),
        peer('peer-cccccccc', 30, 'Cy'),
      ],
      links: [],
      passwordProtected: false,
      maxPeers: 16,
    };
    const hints = resumeHints(
      {
        version: 12,
        topology: 'ring',
        hub: null,
        self: 'peer-bbbbbbbb',
        order: ['peer-aaaaaaaa', 'peer-bbbbbbbb', 'peer-cccccccc'],
        edges: [],
        links: [
          { peer: 'peer-aaaaaaaa', epoch: 3, offerer: false, polite: true },
          { peer: 'peer-cccccccc', epoch: 9, offerer: true, polite: false },
        ],
        receive: [],
        forward: [],
      },
      room,
    );
    expect(hints).toEqual({
      planVersion: 12,
      topology: 'ring',
      hubPreference: null,
      peers: [
        { id: 'peer-aaaaaaaa', joinedAt: 10, displayName: 'Ana' },
        { id: 'peer-cccccccc', joinedAt: 30, displayName: 'Cy' },
      ],
      links: [
        { peer: 'peer-aaaaaaaa', epoch: 3 },
        { peer: 'peer-cccccccc', epoch: 9 },
      ],
    });
    // The server parses what the client sends: it must be valid on the wire.
    expect(ResumeHintsSchema.safeParse(hints).success).toBe(true);
  });
});
