import { type Logger, SerialQueue } from '@meshwork/kit';
import type { CandidateSignal, DescriptionSignal, ManifestEntry, Signal } from '@meshwork/protocol';
import { manifestFingerprint } from '../manifest';
import type { MeshErrorCode } from '../types';
import { candidateInitOf, candidateSignalOf } from './candidates';
import { listen } from './listen';
import { setLocalDescription } from './localDescription';
import { sameMids } from './sdpMids';
import type { NamedTimers } from './timers';

/** The Negotiator's one timer: an offer of ours the far end has not answered. */
export type NegotiatorTimer = 'unanswered-offer';

/**
 * How long an offer of ours may go unanswered before it is taken back and made again ([M25]).
 * Signals to a peer whose socket is down are dropped, and a signal app that dies takes the
 * ones in flight with it: without this, an impolite end with a lost offer ignores every offer
 * of the far end, and the link never negotiates again.
 */
export const OFFER_ANSWER_TIMEOUT_MS = 6_000;

/** What a Negotiator needs from its link. */
export interface NegotiatorOptions {
  pc: RTCPeerConnection;
  timers: NamedTimers<NegotiatorTimer>;
  /** `OFFER_ANSWER_TIMEOUT_MS` unless told. */
  answerTimeoutMs?: number;
  offerer: boolean;
  polite: boolean;
  logger: Logger;
  /** This end's manifest now; every description carries it. */
  localManifest(): ManifestEntry[];
  /** A remote description and its manifest were applied (and its early candidates added). */
  remoteApplied(manifest: readonly ManifestEntry[], type: 'offer' | 'answer'): void;
  /** Negotiation began: the link is connecting. */
  started(): void;
  /** A signal for the far end; `again` when it repeats the offer last sent, unchanged ([M25]). */
  signal(signal: Signal, again?: boolean): void;
  raise(code: MeshErrorCode, message: string): void;
  /**
   * The far end's description could not be applied and retrying cannot help ([M24]): the link
   * life is failed, reported, and routed around (or rebuilt by the next plan).
   */
  failed(reason: string): void;
}

/**
 * Perfect negotiation on one peer connection (webrtc samples pattern), with roles from the plan:
 * `makingOffer`, `ignoreOffer`, `isSettingRemoteAnswerPending`, explicit rollback for the polite
 * side, trickle ICE with early candidates queued, and every operation of the link serialised.
 * A fresh link takes two rounds: the offerer's, then one for the non-offerer's own transceivers.
 */
export class Negotiator {
  readonly #pc: RTCPeerConnection;
  readonly #logger: Logger;
  readonly #queue = new SerialQueue();
  readonly #disposers: Array<() => void>;
  #closed = false;
  #makingOffer = false;
  #ignoreOffer = false;
  #isSettingRemoteAnswerPending = false;
  #negotiationWanted = false;
  #iceRestartWanted = false;
  #offeredIceRestart = false;
  #refusedAnswers = 0;
  #lastSentManifest = '';
  /** The offer of ours last sent, as sent, to send once more if its answer is late ([M25]). */
  #sentOffer: DescriptionSignal | null = null;
  /** The far end's offer we last applied and the answer we sent it, as they went ([M25]). */
  #answered: { offer: string; answer: DescriptionSignal } | null = null;
  /** The far end's answer we last applied, as it came: its second copy is no answer ([M25]). */
  #appliedAnswer: string | null = null;
  readonly #pendingCandidates: RTCIceCandidateInit[] = [];

  readonly #options: NegotiatorOptions;

  constructor(options: NegotiatorOptions) {
    this.#options = options;
    this.#pc = options.pc;
    this.#logger = options.logger;
    this.#disposers = [
      listen(this.#pc, 'negotiationneeded', () => {
        this.#negotiationWanted = true;
        this.run('negotiate', () => this.negotiate());
      }),
      listen<RTCPeerConnectionIceEvent>(this.#pc, 'icecandidate', (event) => {
        if (!this.#closed) this.#options.signal(candidateSignalOf(event.candidate));
      }),
    ];
  }

  /** Applies a description or candidate the far end sent, in order with everything else. */
  handle(signal: DescriptionSignal | CandidateSignal): void {
    if (signal.type === 'description') this.run('description', () => this.#onDescription(signal));
    else this.run('candidate', () => this.#onRemoteCandidate(signal));
  }

  /** Runs `op` after every earlier operation of the link; a failure is `ERR_NEGOTIATION_FAILED`. */
  run(what: string, op: () => Promise<void> | void): void {
    this.#queue
      .push(async () => {
        if (!this.#closed) await op();
      })
      .catch((err: unknown) => {
        if (this.#closed) {
          this.#logger.debug(`${what} failed after close`, { error: String(err) });
          return;
        }
        this.#options.raise('ERR_NEGOTIATION_FAILED', `${what} failed: ${String(err)}`);
      });
  }

  /**
   * Restarts ICE: the next offer of ours gets new credentials. Only the offerer calls this. Not
   * `pc.restartIce()`: that marks the connection itself, and Chromium then puts new credentials
   * into an answer too when an offer of the far end comes first, which Firefox rejects ("Remote
   * description indicates ICE restart but offer did not request ICE restart"). The restart rides
   * on our own offer (`iceRestart: true`) only, and on the next one if glare rolled it back.
   */
  restartIce(): void {
    if (this.#closed) return;
    this.#iceRestartWanted = true;
    this.run('ice restart', () => this.negotiate());
  }

  /**
   * Offers if anything wants it (the connection, an ICE restart, or a manifest the far end does
   * not know yet: reusing a transceiver announces no `negotiationneeded`). Call inside `run`.
   */
  async negotiate(): Promise<void> {
    if (this.#closed) return;
    // [M6] An ICE restart while an offer of ours is out waits for its answer (the restart is
    // still wanted, and rides on the next offer): taking the offer back would give its new
    // m-lines fresh mids, which the far end, if it applied the offer, refuses. An offer that was
    // lost is sent again by the unanswered-offer bound ([M25]), so the wait is bounded.
    if (this.#pc.signalingState !== 'stable') return;
    const manifestChanged =
      this.#lastSentManifest !== manifestFingerprint(this.#options.localManifest());
    if (!this.#negotiationWanted && !this.#iceRestartWanted && !manifestChanged) return;
    // The offerer speaks first. The non-offerer's transceivers wait for that first offer and
    // then take a round of their own: an answer never carries media the offer did not ask for.
    if (!this.#options.offerer && this.#pc.remoteDescription === null) return;
    this.#negotiationWanted = false;
    const iceRestart = this.#iceRestartWanted;
    this.#iceRestartWanted = false;
    this.#offeredIceRestart = iceRestart;
    this.#options.started();
    this.#makingOffer = true;
    try {
      await setLocalDescription(this.#pc, iceRestart, this.#logger);
      this.#sendDescription();
    } finally {
      this.#makingOffer = false;
    }
  }

  /** Idempotent: stops listening; queued operations do nothing and their failures are quiet. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const dispose of this.#disposers.splice(0)) dispose();
  }

  async #onDescription(signal: DescriptionSignal): Promise<void> {
    const description = signal.description;
    if (description.type !== 'offer' && description.type !== 'answer') {
      this.#options.raise('ERR_BAD_SIGNAL', `unexpected description type ${description.type}`);
      return;
    }
    if (description.type === 'offer' && this.#answered?.offer === description.sdp) {
      // [M25] The far end sent its offer again: our answer is late or was lost. It was applied
      // and answered; applying it again would answer twice, and the second answer could meet a
      // newer offer of the far end's. The same answer goes again.
      this.#logger.debug('offer already answered: answer sent again');
      this.#options.signal(this.#answered.answer, true);
      return;
    }
    if (description.type === 'answer' && this.#isStaleAnswer(description.sdp)) {
      this.#logger.debug('dropping an answer to an earlier offer of ours');
      return;
    }
    const readyForOffer =
      !this.#makingOffer &&
      (this.#pc.signalingState === 'stable' || this.#isSettingRemoteAnswerPending);
    const offerCollision = description.type === 'offer' && !readyForOffer;
    this.#ignoreOffer = !this.#options.polite && offerCollision;
    if (this.#ignoreOffer) {
      this.#logger.debug('glare: ignoring the far end offer (impolite)');
      return;
    }
    if (description.type === 'answer' && this.#pc.signalingState !== 'have-local-offer') {
      this.#logger.debug('dropping an answer to no offer of ours', {
        state: this.#pc.signalingState,
      });
      return;
    }
    this.#options.started();
    if (offerCollision) {
      // Explicit rollback: some implementations (wrtc) lack the implicit one.
      this.#logger.debug('glare: rolling back our offer (polite)');
      await this.#pc.setLocalDescription({ type: 'rollback' });
      this.#negotiationWanted = true;
      // A rolled-back ICE restart is still wanted: it goes with our next offer.
      if (this.#offeredIceRestart) this.#iceRestartWanted = true;
    }
    this.#isSettingRemoteAnswerPending = description.type === 'answer';
    try {
      await this.#pc.setRemoteDescription(description);
      this.#refusedAnswers = 0;
      if (description.type === 'answer') this.#appliedAnswer = description.sdp;
    } catch (err) {
      await this.#remoteRefused(description.type, err);
      return;
    } finally {
      this.#isSettingRemoteAnswerPending = false;
    }
    if (this.#closed) return;
    for (const init of this.#pendingCandidates.splice(0)) await this.#addCandidate(init);
    this.#options.remoteApplied(signal.manifest, description.type);
    if (description.type === 'offer') {
      await setLocalDescription(this.#pc, false, this.#logger);
      const answer = this.#sendDescription();
      this.#answered = answer ? { offer: description.sdp, answer } : null;
    }
    // Whatever this end wanted meanwhile (a rolled-back offer, new transceivers) goes next.
    await this.negotiate();
  }

  /**
   * A remote description this engine refused ([M24]). A refused answer leaves our offer pending:
   * it is rolled back and offered once more (a fresh offer may settle what the last one raced);
   * a second refusal, or a refused offer (the far end waits for an answer that cannot come),
   * fails the link life, coded, instead of leaving a tile empty without a word.
   */
  async #remoteRefused(type: 'offer' | 'answer', err: unknown): Promise<void> {
    const reason = `the far end's ${type} was refused: ${String(err)}`;
    this.#options.raise('ERR_NEGOTIATION_FAILED', reason);
    if (type === 'answer' && this.#refusedAnswers === 0 && !this.#closed) {
      this.#refusedAnswers += 1;
      if (this.#pc.signalingState === 'have-local-offer') {
        await this.#pc.setLocalDescription({ type: 'rollback' });
      }
      this.#negotiationWanted = true;
      await this.negotiate();
      return;
    }
    this.#options.failed(reason);
  }

  /**
   * [M25] An answer that cannot be to the offer we have out: a second copy of the answer we
   * applied (sent again for a repeated offer), or one whose m-lines are not our offer's (it
   * answers an earlier one). Applying it would be refused ("order of m-lines") and fail the link.
   */
  #isStaleAnswer(sdp: string): boolean {
    if (this.#pc.signalingState !== 'have-local-offer') return false;
    if (sdp === this.#appliedAnswer) return true;
    const offer = this.#sentOffer?.description.sdp;
    return offer !== undefined && !sameMids(offer, sdp);
  }

  /** Sends our local description to the far end, and returns the signal sent. */
  #sendDescription(): DescriptionSignal | null {
    const local = this.#pc.localDescription;
    if (local === null || this.#closed) return null;
    const manifest = this.#options.localManifest();
    this.#lastSentManifest = manifestFingerprint(manifest);
    const signal: DescriptionSignal = {
      type: 'description',
      description: { type: local.type, sdp: local.sdp },
      manifest,
    };
    this.#options.signal(signal);
    if (local.type === 'offer') {
      // A round of ours begins: an offer of the far end's from before it is no longer pending.
      this.#answered = null;
      this.#sentOffer = signal;
      this.#watchAnswer(signal);
    }
    return signal;
  }

  /**
   * [M25] Sends an offer still unanswered after the bound once more, as it is. Never a rollback
   * and a new offer: the far end may have applied this one and only its answer be late (a loaded
   * machine), and a new offer gives the m-lines this one added fresh mids, so the late answer is
   * refused here and the new offer there ("order of m-lines"), which fails the link ([M24]).
   * The same offer again is safe either way: a far end that never got it answers it, and one
   * that did sends the same answer again without applying anything; whichever copy lands second
   * is dropped, even where a newer offer of ours is out by then (`#isStaleAnswer`).
   */
  #watchAnswer(offer: DescriptionSignal): void {
    const ms = this.#options.answerTimeoutMs ?? OFFER_ANSWER_TIMEOUT_MS;
    // One timer: a newer offer's watch replaces this one.
    this.#options.timers.set('unanswered-offer', ms, () =>
      this.run('unanswered offer', async () => {
        const pending = this.#pc.pendingLocalDescription ?? this.#pc.localDescription;
        if (this.#pc.signalingState !== 'have-local-offer') return;
        if (pending?.sdp !== offer.description.sdp) return;
        // The same description and manifest: the far end maps its mids as it would have.
        this.#logger.info('offer unanswered: sent again');
        this.#options.signal(offer, true);
        this.#watchAnswer(offer);
      }),
    );
  }

  async #onRemoteCandidate(signal: CandidateSignal): Promise<void> {
    // End of candidates needs no action: ICE completes on the candidates it has.
    const init = candidateInitOf(signal);
    if (init === null) return;
    if (this.#pc.remoteDescription === null) {
      this.#pendingCandidates.push(init);
      return;
    }
    await this.#addCandidate(init);
  }

  async #addCandidate(init: RTCIceCandidateInit): Promise<void> {
    try {
      await this.#pc.addIceCandidate(init);
    } catch (err) {
      // Candidates of an offer ignored in glare, or of an ICE generation a restart replaced,
      // are expected to fail. A candidate that mattered shows up as ICE failure, which the
      // restart machinery reports (ERR_ICE_FAILED), so nothing is hidden by not raising here.
      if (this.#ignoreOffer) return;
      this.#logger.warn('remote candidate rejected', { error: String(err) });
    }
  }
}
