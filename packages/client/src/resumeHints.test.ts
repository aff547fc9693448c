import { ResumeHintsSchema } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { resumeHints } from './resumeHints';
import { PUBLIC_KEY, settings } from './testing/fixtures';
import type { RoomView } from './types';

const peer = (id: string, joinedAt: number, displayName: string) => ({
  id,
  displayName,
  joinedAt,
  media: { audio: true, video: true, screen: false },
  capacity: {},
  connected: true,
  publicKey: PUBLIC_KEY,
});

describe('resumeHints', () => {
  it('[P16] carries the plan version with its proof, the settings and each link epoch, and no peers', () => {
    const room: RoomView = {
      roomId: 'demo',
      selfId: 'peer-bbbbbbbb',
      settings: settings({ topology: 'ring', audioRouting: 'mesh', hostId: 'peer-aaaaaaaa' }),
      peers: [
        peer('peer-aaaaaaaa', 10, 'Ana'),
        peer('peer-bbbbbbbb', 20, 'Bo'),
        peer('peer-cccccccc', 30, 'Cy'),
      ],
      links: [],
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
        proof: 'hmac-of-demo-12',
      },
      room,
    );
    expect(hints).toEqual({
      planVersion: 12,
      planProof: 'hmac-of-demo-12',
      topology: 'ring',
      audioRouting: 'mesh',
      hubPreference: null,
      links: [
        { peer: 'peer-aaaaaaaa', epoch: 3 },
        { peer: 'peer-cccccccc', epoch: 9 },
      ],
    });
    expect(hints).not.toHaveProperty('peers');
    // The server parses what the client sends: it must be valid on the wire.
    const parsed = ResumeHintsSchema.safeParse(hints);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toEqual(hints);
  });
});
