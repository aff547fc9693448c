import type { Logger } from '@meshwork/kit';
import {
  type E2eeKeyPeerMessage,
  e2eeKeySigningInput,
  type PeerId,
  type PublicKey,
} from '@meshwork/protocol';
import { fromBase64Url, toBase64Url } from '../dataPlane/bytes';
import { SignatureVerifier } from '../dataPlane/signing';
import type { MeshError, Signer } from '../types';
import type { FrameProtector } from './FrameProtector';
import {
  createDhKeys,
  type DhKeys,
  newKeyMaterial,
  openKey,
  sealKey,
  wrappingKey,
} from './keySchedule';

/** What the key exchange needs from its controller. */
export interface E2eeKeysDeps {
  self: PeerId;
  subtle: SubtleCrypto;
  random: Pick<Crypto, 'getRandomValues'>;
  signer: Signer;
  protector: FrameProtector;
  /** Sends a key message on the direct link to `to`; false if there is none open. */
  send(to: PeerId, message: E2eeKeyPeerMessage): Promise<boolean>;
  /** Hands a key message to the signal app's relay, for a member with no open direct link. */
  relay(to: PeerId, message: E2eeKeyPeerMessage): void;
  /** Members in the latest plan that it gives this page no direct link to ([P33]). */
  unlinked(): Iterable<PeerId>;
  raise(error: MeshError): void;
  logger: Logger;
}

interface SendingKey {
  keyId: number;
  material: Uint8Array<ArrayBuffer>;
}

/**
 * The key exchange of end-to-end encryption (SPEC [P31], [P33]). When a link opens, each end
 * introduces its ECDH public point (signed); once it knows the other's, it sends its frame key
 * sealed under the pair's key. Members the plan links this page to by no direct link (two leaves
 * of a star through the media hub) are introduced through the signal app's relay instead, and
 * every key message goes on the direct link when one is open, else through the relay. This page
 * draws a new frame key whenever someone leaves the room, so a peer that left cannot read what
 * is sent after. Keys arriving are checked (addressed here, from the link's far end or the sender
 * the relay names, signed by the key the room publishes for their sender, opening under the
 * pair's key) and handed to the frame transforms; any that fails is dropped and reported.
 */
export class E2eeKeys {
  readonly #deps: E2eeKeysDeps;
  readonly #verifier: SignatureVerifier;
  readonly #dh: Promise<DhKeys>;
  #sending: Promise<SendingKey>;
  #members: ReadonlySet<PeerId> = new Set();
  /** Key messages whose sender's signing key the room has not published yet (the last each). */
  readonly #waiting = new Map<PeerId, E2eeKeyPeerMessage>();
  /** ECDH public points of peers, as their signed key messages gave them. */
  readonly #peerDh = new Map<PeerId, Uint8Array<ArrayBuffer>>();
  /** The key id last sent to each peer. */
  readonly #sentKeyId = new Map<PeerId, number>();
  /** Members introduced through the relay since the last plan, awaiting their answer. */
  readonly #introduced = new Set<PeerId>();
  /** Senders whose keys this page withholds from its transforms (a diagnostic and test hook). */
  readonly #withheld = new Set<PeerId>();
  #closed = false;

  constructor(deps: E2eeKeysDeps) {
    this.#deps = deps;
    this.#verifier = new SignatureVerifier(deps.subtle);
    this.#dh = createDhKeys(deps.subtle);
    this.#sending = this.#draw(0);
  }

  /** Turns frame encryption on or off for this page's senders and receivers. */
  setEnabled(enabled: boolean): void {
    if (!this.#closed) this.#deps.protector.control({ type: 'enabled', enabled });
  }

  /** The room's members and their signing keys; a member gone means a new sending key. */
  setMembers(keys: ReadonlyMap<PeerId, PublicKey>): void {
    if (this.#closed) return;
    this.#verifier.setKeys(keys);
    const next = new Set(keys.keys());
    const left = [...this.#members].filter((id) => !next.has(id));
    this.#members = next;
    for (const id of left) {
      this.#deps.protector.control({ type: 'dropOwner', owner: id });
      this.#waiting.delete(id);
      this.#peerDh.delete(id);
      this.#sentKeyId.delete(id);
      this.#introduced.delete(id);
    }
    if (left.length > 0) this.#rekey();
    for (const [from, message] of [...this.#waiting]) {
      if (!this.#verifier.has(from)) continue;
      this.#waiting.delete(from);
      void this.handle(from, message);
    }
    this.#reach();
  }

  /**
   * A new plan: members it gives no direct link to, and who lack this page's key, are reached
   * through the relay. An introduction not answered since the last plan goes again (the one it
   * went to may have been away meanwhile).
   */
  planChanged(): void {
    if (this.#closed) return;
    this.#introduced.clear();
    this.#reach();
  }

  /** A direct link's control channel opened: this page introduces itself, or sends its key. */
  linkOpened(peer: PeerId): void {
    if (this.#closed) return;
    // A new link life may reach a page that lost what the last one gave it: send afresh.
    this.#sentKeyId.delete(peer);
    void this.#sending.then((key) => this.#sendTo(peer, key));
  }

  /** Stops using `owner`'s keys, now and later (shows what a page without a key sees). */
  withhold(owner: PeerId): void {
    this.#withheld.add(owner);
    this.#deps.protector.control({ type: 'dropOwner', owner });
  }

  /**
   * A key message from `sender`: the far end of the direct link it arrived on, or the member the
   * signal app's relay names as its sender.
   */
  async handle(sender: PeerId, message: E2eeKeyPeerMessage): Promise<void> {
    if (this.#closed) return;
    const { self } = this.#deps;
    if (message.to !== self || message.from !== sender) {
      this.#reject('ERR_E2EE_KEY', sender, 'frame key not addressed from its sender to this peer');
      return;
    }
    if (!this.#verifier.has(message.from)) {
      this.#waiting.set(message.from, message);
      return;
    }
    const { sig, ...signed } = message;
    if (!(await this.#verifier.verify(message.from, e2eeKeySigningInput(signed), sig))) {
      this.#reject('ERR_BAD_SIGNATURE', sender, 'frame key signature does not verify');
      return;
    }
    const theirs = this.#point(message.dh);
    if (theirs === null) {
      this.#reject('ERR_E2EE_KEY', sender, 'frame key message with a malformed ECDH point');
      return;
    }
    this.#peerDh.set(message.from, theirs);
    this.#introduced.delete(message.from);
    // The sender is known now: it gets this page's key if it has not yet, or if it asks again
    // (an introduction says it lacks this page's point, so what went before never reached it).
    const asks = message.wrapped === undefined;
    void this.#sending.then((key) => {
      if (asks || this.#sentKeyId.get(message.from) !== key.keyId) {
        return this.#sendTo(message.from, key);
      }
    });
    if (message.wrapped === undefined) return;
    const material = await this.#open(message, theirs);
    if (material === null) {
      this.#reject('ERR_E2EE_KEY', sender, 'frame key does not open under the pair key');
      return;
    }
    if (this.#closed || this.#withheld.has(message.from)) return;
    this.#deps.protector.control({
      type: 'receiveKey',
      owner: message.from,
      keyId: message.keyId,
      material,
    });
  }

  /** Idempotent: no key is sent or installed after. */
  close(): void {
    this.#closed = true;
    this.#waiting.clear();
  }

  #point(text: string): Uint8Array<ArrayBuffer> | null {
    try {
      const raw = fromBase64Url(text) as Uint8Array<ArrayBuffer>;
      return raw.byteLength === 65 ? raw : null;
    } catch {
      return null;
    }
  }

  async #open(
    message: E2eeKeyPeerMessage,
    theirs: Uint8Array<ArrayBuffer>,
  ): Promise<Uint8Array<ArrayBuffer> | null> {
    if (message.wrapped === undefined) return null;
    try {
      const dh = await this.#dh;
      const key = await wrappingKey(this.#deps.subtle, dh, theirs, message.from, message.to);
      const sealed = fromBase64Url(message.wrapped) as Uint8Array<ArrayBuffer>;
      return await openKey(this.#deps.subtle, key, sealed, message.keyId);
    } catch {
      return null;
    }
  }

  #draw(keyId: number): Promise<SendingKey> {
    const key = { keyId, material: newKeyMaterial(this.#deps.random) };
    this.#deps.protector.control({
      type: 'sendKey',
      owner: this.#deps.self,
      keyId,
      material: key.material,
    });
    return Promise.resolve(key);
  }

  #rekey(): void {
    this.#sending = this.#sending.then((was) => {
      const next = this.#draw((was.keyId + 1) % 256);
      // Every member whose point this page holds, linked directly or not, gets the new key.
      void next.then((key) => {
        for (const peer of [...this.#peerDh.keys()]) void this.#sendTo(peer, key);
      });
      return next;
    });
    this.#deps.logger.info('frame key renewed: a member left');
  }

  /**
   * Members of the latest plan without a direct link to this page, and without its key yet: each
   * gets its key (or, without its point, an introduction) through the relay.
   */
  #reach(): void {
    void this.#sending.then((key) => {
      for (const peer of this.#deps.unlinked()) {
        if (this.#closed || peer === this.#deps.self || !this.#members.has(peer)) continue;
        if (this.#sentKeyId.get(peer) === key.keyId) continue;
        if (!this.#peerDh.has(peer) && this.#introduced.has(peer)) continue;
        void this.#sendTo(peer, key);
      }
    });
  }

  async #sendTo(peer: PeerId, key: SendingKey): Promise<void> {
    if (this.#closed || peer === this.#deps.self) return;
    const theirDh = this.#peerDh.get(peer);
    // Marked before the awaits, so a second pass meanwhile does not send the same again.
    if (theirDh === undefined) this.#introduced.add(peer);
    else this.#sentKeyId.set(peer, key.keyId);
    try {
      const dh = await this.#dh;
      const unsigned: Omit<E2eeKeyPeerMessage, 'sig'> = {
        t: 'e2ee-key',
        from: this.#deps.self,
        to: peer,
        keyId: key.keyId,
        dh: toBase64Url(dh.publicRaw),
      };
      // Without the far end's point only an introduction can go; its answer brings the point.
      if (theirDh !== undefined) {
        const wrap = await wrappingKey(this.#deps.subtle, dh, theirDh, this.#deps.self, peer);
        const { subtle, random } = this.#deps;
        unsigned.wrapped = toBase64Url(
          await sealKey(subtle, random, wrap, key.material, key.keyId),
        );
      }
      const sig = await this.#deps.signer.sign(e2eeKeySigningInput(unsigned));
      const message = { ...unsigned, sig };
      // [P33] The direct link when one is open; otherwise the signal app relays it.
      if (!this.#closed && !(await this.#deps.send(peer, message)) && !this.#closed) {
        this.#deps.relay(peer, message);
      }
    } catch (err) {
      this.#deps.logger.warn('frame key not sent', { peer, error: String(err) });
    }
  }

  #reject(code: 'ERR_E2EE_KEY' | 'ERR_BAD_SIGNATURE', peer: PeerId, message: string): void {
    this.#deps.logger.warn(message, { code, peer });
    this.#deps.raise({ code, message, peer });
  }
}
