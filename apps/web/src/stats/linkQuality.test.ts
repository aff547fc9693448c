import type { LinkStats } from '@meshwork/mesh/runtime';
import { describe, expect, it } from 'vitest';
import { ids, peer, roomView } from '../test/fakes';
import { fromRoomLink, linkStatsFor, type Quality, qualityOf } from './linkQuality';

function stats(patch: Partial<LinkStats>): LinkStats {
  return {
    peer: ids.ana,
    status: 'connected',
    rttMs: 50,
    outboundKbps: 500,
    inboundKbps: 500,
    packetLoss: 0,
    framesDecoded: 10,
    candidateType: 'host',
    ...patch,
  };
}

describe('qualityOf', () => {
  const table: [string, LinkStats | undefined, Quality][] = [
    ['no numbers', undefined, 'unknown'],
    ['a failed link', stats({ status: 'failed' }), 'poor'],
    ['a link still connecting', stats({ status: 'connecting' }), 'unknown'],
    ['low RTT and no loss', stats({}), 'good'],
    ['no RTT yet', stats({ rttMs: null }), 'good'],
    ['RTT over 200 ms', stats({ rttMs: 250 }), 'fair'],
    ['loss over 2 %', stats({ packetLoss: 0.03 }), 'fair'],
    ['RTT over 400 ms', stats({ rttMs: 450 }), 'poor'],
    ['loss over 8 %', stats({ packetLoss: 0.1 }), 'poor'],
  ];
  it.each(table)('%s is %s', (_name, input, expected) => {
    expect(qualityOf(input)).toBe(expected);
  });
});

describe('linkStatsFor', () => {
  const room = roomView([peer(ids.me, 'Me', 1), peer(ids.ana, 'Ana', 2)], {
    links: [{ a: ids.ana, b: ids.me, state: 'connected', rttMs: 300 }],
  });

  it("prefers the session's own numbers for the peer", () => {
    const own = stats({ rttMs: 30 });
    expect(linkStatsFor([own], room, ids.ana)).toBe(own);
  });

  it("falls back to the room's link table in either direction, and to nothing", () => {
    expect(linkStatsFor([], room, ids.ana)).toMatchObject({ status: 'connected', rttMs: 300 });
    expect(fromRoomLink(room, ids.bo)).toBeUndefined();
    expect(fromRoomLink(null, ids.ana)).toBeUndefined();
  });
});
