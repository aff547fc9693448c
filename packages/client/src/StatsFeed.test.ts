import type { LinkStats } from '@meshwork/mesh/runtime';
import { describe, expect, it } from 'vitest';
import { StatsFeed } from './StatsFeed';
import { FakeStats, linkStats } from './testing/FakeMesh';

describe('StatsFeed', () => {
  it('delivers nothing without a source, then follows the attached one', () => {
    const feed = new StatsFeed();
    const seen: Array<readonly LinkStats[]> = [];
    feed.subscribe((s) => seen.push(s));
    const source = new FakeStats();
    feed.attach(source);
    expect(source.listeners.size).toBe(1);
    source.sample([linkStats('peer-b')]);
    expect(seen).toEqual([[linkStats('peer-b')]]);
  });

  it('subscribes to its source only while it has listeners', () => {
    const feed = new StatsFeed();
    const source = new FakeStats();
    feed.attach(source);
    expect(source.listeners.size).toBe(0);
    const off = feed.subscribe(() => {});
    expect(source.listeners.size).toBe(1);
    off();
    off();
    expect(source.listeners.size).toBe(0);
    expect(feed.listenerCount).toBe(0);
  });

  it('moves its one subscription to a new source', () => {
    const feed = new StatsFeed();
    const seen: string[] = [];
    feed.subscribe((s) => seen.push(s[0]?.peer ?? ''));
    const old = new FakeStats();
    const next = new FakeStats();
    feed.attach(old);
    feed.attach(next);
    expect(old.listeners.size).toBe(0);
    old.sample([linkStats('old')]);
    next.sample([linkStats('new')]);
    feed.attach(null);
    next.sample([linkStats('after')]);
    expect(seen).toEqual(['new']);
  });

  it('a throwing listener does not stop the others', () => {
    const feed = new StatsFeed();
    const source = new FakeStats();
    feed.attach(source);
    const seen: unknown[] = [];
    feed.subscribe(() => {
      throw new Error('boom');
    });
    feed.subscribe((s) => seen.push(s));
    source.sample([]);
    expect(seen).toEqual([[]]);
  });

  it('close() lets go of the source and every listener', () => {
    const feed = new StatsFeed();
    const source = new FakeStats();
    feed.attach(source);
    feed.subscribe(() => {});
    feed.close();
    expect(source.listeners.size).toBe(0);
    expect(feed.listenerCount).toBe(0);
  });
});
