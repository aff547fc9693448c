import type { PeerId } from '@meshwork/protocol';

/** Which way a transform runs and what it carries: fixed when it is attached. */
export interface TransformOptions {
  side: 'send' | 'receive';
  kind: 'audio' | 'video';
  /** Names a receiver, so its route can be told later. */
  id: number;
}

/**
 * What the page tells the frame transforms (in a worker, or on the page itself). Key material
 * goes in raw; the transforms derive their AES keys from it, non-extractable.
 */
export type FrameControl =
  | { type: 'enabled'; enabled: boolean }
  | { type: 'sendKey'; owner: PeerId; keyId: number; material: Uint8Array<ArrayBuffer> }
  | { type: 'receiveKey'; owner: PeerId; keyId: number; material: Uint8Array<ArrayBuffer> }
  | { type: 'dropOwner'; owner: PeerId }
  /** A receiver carries `origin`'s stream, arriving from the link peer `via`. */
  | { type: 'route'; id: number; origin: PeerId; via: PeerId }
  | { type: 'forget'; id: number };

/** Frames each sender's frames came to, since the transforms started. */
export interface FrameCounts {
  /** Frames encrypted by this page. */
  encrypted: number;
  /** Frames withheld by this page: encryption on, no key yet. */
  withheld: number;
  /** Per origin: frames decrypted. */
  decrypted: Record<PeerId, number>;
  /** Per origin: frames dropped because no key held opens them. */
  failed: Record<PeerId, number>;
}

/** What the frame transforms tell the page. */
export type FrameReport = { type: 'counts'; counts: FrameCounts };
