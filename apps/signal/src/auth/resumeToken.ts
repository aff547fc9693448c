import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { CountSchema, PeerIdSchema, RoomIdSchema } from '@meshwork/protocol';

/**
 * How long a resume token restores its identity (SPEC [P16]): a day, which outlasts any call a
 * restart may interrupt. Retired ids are remembered as long, so a token never outlives them.
 */
export const RESUME_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

/** What a resume token proves: this peer id joined this room at this time, with this key. */
export interface ResumeClaim {
  roomId: string;
  peerId: string;
  joinedAt: number;
  /** The peer was the room's host when the token was issued (a rebuilt room adopts it). */
  host: boolean;
  /** `keyDigest(publicKey)` of the key the peer joined with (SPEC [P14]). */
  key: string;
  /**
   * The room's stored password hash when the token was issued, or null for an open room, so a
   * protected room stays protected after a restart (SPEC [P18]). Encrypted inside the token:
   * a member's token gives nobody an offline guess at the password.
   */
  passwordHash: string | null;
  issuedAt: number;
  expiresAt: number;
}

/** What the server states when it issues a token; the times are added by `sign`. */
export type ResumeGrant = Omit<ResumeClaim, 'issuedAt' | 'expiresAt'>;

/** Signs and verifies resume tokens with one secret. */
export interface ResumeTokens {
  sign(grant: ResumeGrant, now: number): string;
  /**
   * The claim, or null for anything not signed by this secret, not well formed, or expired at
   * `now`. The caller still checks the room: a token for another room is no token.
   */
  verify(token: string, now: number): ResumeClaim | null;
}

/** A short digest of a public key, so a token binds the key without carrying all 87 characters. */
export function keyDigest(publicKey: string): string {
  return createHash('sha256').update(publicKey).digest('base64url').slice(0, 22);
}

// Tokens read `v2.<base64url payload>.<base64url HMAC-SHA256>`; the prefix lets the format
// evolve, and v1 tokens (no expiry, no key) are refused.
const PREFIX = 'v2';
const DIGEST = /^[A-Za-z0-9_-]{22}$/;

function isCount(value: unknown): value is number {
  return CountSchema.safeParse(value).success;
}

const FIELDS = 8;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM of a short string under `key`, base64url of iv, ciphertext and tag. */
function seal(key: Buffer, text: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/** The string `seal` sealed, or null for anything else. */
function open(key: Buffer, sealed: string): string | null {
  const raw = Buffer.from(sealed, 'base64url');
  if (raw.length <= IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    const body = raw.subarray(IV_BYTES, raw.length - TAG_BYTES);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/**
 * Resume tokens: HMAC-SHA256-signed `[room, peer, joinedAt, host, key, issuedAt, expiresAt,
 * sealed password hash | null]`. The sealing key is derived from the same secret.
 */
export function createResumeTokens(
  secret: string | Uint8Array,
  ttlMs: number = RESUME_TOKEN_TTL_MS,
): ResumeTokens {
  const mac = (body: string) => createHmac('sha256', secret).update(`${PREFIX}.${body}`).digest();
  const sealKey = createHmac('sha256', secret).update('meshwork room password seal').digest();
  return {
    sign(grant, now) {
      const fields = [grant.roomId, grant.peerId, grant.joinedAt, grant.host ? 1 : 0, grant.key];
      const password = grant.passwordHash === null ? null : seal(sealKey, grant.passwordHash);
      const body = Buffer.from(
        JSON.stringify([...fields, now, now + ttlMs, password]),
        'utf8',
      ).toString('base64url');
      return `${PREFIX}.${body}.${mac(body).toString('base64url')}`;
    },
    verify(token, now) {
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
      if (!Array.isArray(decoded) || decoded.length !== FIELDS) return null;
      const [roomId, peerId, joinedAt, host, key, issuedAt, expiresAt, sealed] =
        decoded as unknown[];
      if (!RoomIdSchema.safeParse(roomId).success || !PeerIdSchema.safeParse(peerId).success) {
        return null;
      }
      if (!isCount(joinedAt) || !isCount(issuedAt) || !isCount(expiresAt)) return null;
      if ((host !== 0 && host !== 1) || typeof key !== 'string' || !DIGEST.test(key)) return null;
      if (now >= expiresAt) return null;
      if (sealed !== null && typeof sealed !== 'string') return null;
      const passwordHash = sealed === null ? null : open(sealKey, sealed);
      if (sealed !== null && passwordHash === null) return null;
      return {
        roomId: roomId as string,
        peerId: peerId as string,
        joinedAt,
        host: host === 1,
        key,
        issuedAt,
        expiresAt,
        passwordHash,
      };
    },
  };
}
