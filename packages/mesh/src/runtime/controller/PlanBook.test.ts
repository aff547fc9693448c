import { describe, expect, it } from 'vitest';
import { handPlan } from '../testing/plans';
import { PlanBook } from './PlanBook';

const ME = 'peer-self';

describe('PlanBook', () => {
  it('[M9] the first plan is committed at once; a newer one is prepared beside it', () => {
    const book = new PlanBook();
    const v1 = handPlan(ME, 1, {});
    const v2 = handPlan(ME, 2, {});
    expect(book.prepare(v1)).toBe('first');
    expect(book.commit(1)).toBe(true);
    expect(book.prepare(v2)).toBe('prepared');
    expect(book.inForce).toEqual([v2, v1]);
    expect(book.latest).toBe(v2);
    expect(book.committed).toBe(v1);
  });

  it('[M9] a version not newer than the latest is stale and changes nothing', () => {
    const book = new PlanBook();
    book.prepare(handPlan(ME, 3, {}));
    book.commit(3);
    expect(book.prepare(handPlan(ME, 3, {}))).toBe('stale');
    expect(book.prepare(handPlan(ME, 2, {}))).toBe('stale');
    expect(book.inForce.map((p) => p.version)).toEqual([3]);
  });

  it('[M9] committing drops older pending versions; unknown or repeated commits do nothing', () => {
    const book = new PlanBook();
    book.prepare(handPlan(ME, 1, {}));
    book.commit(1);
    book.prepare(handPlan(ME, 2, {}));
    book.prepare(handPlan(ME, 3, {}));
    expect(book.commit(9)).toBe(false);
    expect(book.commit(3)).toBe(true);
    expect(book.commit(3)).toBe(false);
    // Version 2 was passed over: it can no longer be committed.
    expect(book.commit(2)).toBe(false);
    expect(book.inForce.map((p) => p.version)).toEqual([3]);
  });

  it("[M10] the order is the newest plan's, empty before any plan", () => {
    const book = new PlanBook();
    expect(book.order).toEqual([]);
    book.prepare({ ...handPlan(ME, 1, {}), order: [ME, 'peer-bbbb'] });
    expect(book.order).toEqual([ME, 'peer-bbbb']);
  });
});
