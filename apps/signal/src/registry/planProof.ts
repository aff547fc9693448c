import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Signs and checks plan-version proofs (SPEC [P16]). */
export interface PlanProofs {
  /** The proof put on every `PeerPlan` of `version` in `roomId`. */
  sign(roomId: string, version: number): string;
  /** Whether `proof` is this server's proof of `version` in `roomId` (constant time). */
  verify(roomId: string, version: number, proof: string): boolean;
}

// 22 base64url characters are 132 bits of the HMAC: far past guessing, short on the wire.
const PROOF_CHARS = 22;

/**
 * Plan proofs: HMAC-SHA256 over `plan|<room>|<version>`, base64url, cut to 22 characters. The
 * separator keeps `room-1` + `23` apart from `room-12` + `3`. The key is derived from `secret`,
 * so the same secret can also sign resume tokens without the two ever being confused.
 */
export function createPlanProofs(secret: string | Uint8Array = randomBytes(32)): PlanProofs {
  const key = createHmac('sha256', secret).update('meshwork plan proof key').digest();
  const sign = (roomId: string, version: number) =>
    createHmac('sha256', key)
      .update(`plan|${roomId}|${version}`)
      .digest('base64url')
      .slice(0, PROOF_CHARS);
  return {
    sign,
    verify(roomId, version, proof) {
      const given = Buffer.from(proof, 'utf8');
      const expected = Buffer.from(sign(roomId, version), 'utf8');
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
