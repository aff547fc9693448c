import { createHmac, timingSafeEqual } from 'node:crypto';
import { PeerIdSchema, RoomIdSchema } from '@meshwork/protocol';

/** What a resume token proves: this peer id joined this room at this time. */
export interface ResumeClaim {
  roomId: string;
  peerId: string;
  joinedAt: number;
}

/** Signs and verifies resume tokens with one secret. */
export interface ResumeTokens {
  sign(claim: ResumeClaim): string;
  /** The claim, or null for anything not signed by this secret or not well formed. */
  verify(token: string): ResumeClaim | null;
}

// Tokens read `v1.<base64url payload>.<base64url HMAC-SHA256>`; the prefix lets the format evolve.
const PREFIX = 'v1';

/** Resume tokens: HMAC-SHA256-signed `{ roomId, peerId, joinedAt }`. */
export function createResumeTokens(secret: string | Uint8Array): ResumeTokens {
  const mac = (body: string) => createHmac('sha256', secret).update(`${PREFIX}.${body}`).digest();
  return {
    sign(claim) {
      const body = Buffer.from(
        JSON.stringify([claim.roomId, claim.peerId, claim.joinedAt]),
        'utf8',
      ).toString('base64url');
      return `${PREFIX}.${body}.${mac(body).toString('base64url')}`;
    },
    verify(token) {
      const parts = token.split('.');
      if (parts.length !== 3 || parts[0] !== PREFIX) return null;
      const [, body = '', sig = ''] = parts;
      const given = Buffer.from(sig, 'base64url');
      const expected = mac(body);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      let decoded: unknown;
      try {
        decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      } catch {
        return null;
      }
      if (!Array.isArray(decoded) || decoded.length !== 3) return null;
      const [roomId, peerId, joinedAt] = decoded as unknown[];
      if (!RoomIdSchema.safeParse(roomId).success || !PeerIdSchema.safeParse(peerId).success) {
        return null;
      }
      if (typeof joinedAt !== 'number' || !Number.isSafeInteger(joinedAt) || joinedAt < 0) {
        return null;
      }
      return { roomId: roomId as string, peerId: peerId as string, joinedAt };
    },
  };
}
