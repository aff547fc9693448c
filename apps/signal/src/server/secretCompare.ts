import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// Both sides are hashed under a per-process key first, so the compare sees equal lengths and
// its time says nothing about the secret's length or its prefix.
const COMPARE_KEY = randomBytes(32);

function digest(value: string): Buffer {
  return createHmac('sha256', COMPARE_KEY).update(value, 'utf8').digest();
}

/** Whether a presented credential equals a configured secret, in time independent of both. */
export function secretsEqual(secret: string, presented: string): boolean {
  return timingSafeEqual(digest(secret), digest(presented));
}
