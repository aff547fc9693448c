import { describe, expect, it } from 'vitest';
import { createPlanProofs } from './planProof';

describe('plan proofs', () => {
  it('[P16] proves a version in one room only, and only with the same secret', () => {
    const proofs = createPlanProofs('secret-one-secret-one');
    const proof = proofs.sign('room-1', 23);
    expect(proof).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(proofs.verify('room-1', 23, proof)).toBe(true);
    expect(createPlanProofs('secret-one-secret-one').verify('room-1', 23, proof)).toBe(true);
    expect(proofs.verify('room-12', 3, proof)).toBe(false);
    expect(proofs.verify('room-1', 24, proof)).toBe(false);
    expect(proofs.verify('room-1', 23, `${proof}x`)).toBe(false);
    expect(proofs.verify('room-1', 23, '')).toBe(false);
    expect(createPlanProofs('secret-two-secret-two').verify('room-1', 23, proof)).toBe(false);
  });
});
