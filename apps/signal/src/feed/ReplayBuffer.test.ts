import type { FeedEvent } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { ReplayBuffer } from './ReplayBuffer';

const left = (n: number): FeedEvent => ({ event: 'peer-left', data: { peerId: `peer-${n}xxxx` } });

describe('[P20] replay buffer', () => {
  it('numbers events one by one and replays exactly those after an id', () => {
    const buffer = new ReplayBuffer(4, 'abc');
    expect(buffer.lastId).toBe('abc-0');
    for (let i = 1; i <= 3; i++) expect(buffer.push(left(i)).id).toBe(`abc-${i}`);
    expect(buffer.since('abc-0')?.map((e) => e.id)).toEqual(['abc-1', 'abc-2', 'abc-3']);
    expect(buffer.since('abc-2')?.map((e) => e.id)).toEqual(['abc-3']);
    expect(buffer.since('abc-3')).toEqual([]);
  });

  it('asks for a snapshot when it cannot give every missed event', () => {
    const buffer = new ReplayBuffer(2, 'abc');
    for (let i = 1; i <= 5; i++) buffer.push(left(i));
    // Holds 4 and 5: after 3 is complete, after 2 is not.
    expect(buffer.since('abc-3')?.map((e) => e.id)).toEqual(['abc-4', 'abc-5']);
    expect(buffer.since('abc-2')).toBeNull();
    expect(buffer.since('abc-6')).toBeNull();
    expect(buffer.since('zzz-4')).toBeNull();
    expect(buffer.since('garbage')).toBeNull();
    expect(buffer.since('')).toBeNull();
  });
});
