import { type Clock, type Logger, noopLogger, Timers } from '@meshwork/kit';
import { HUB_INVITE_PATH, type HubInvite } from '@meshwork/protocol';
import { INVITE_RENEW_MS, inviteBackoffMs } from './inviteBackoff';

/** How long one invitation may take before it counts as not accepted. */
export const INVITE_TIMEOUT_MS = 5_000;

/** Sends one invitation; resolves with the hub's HTTP status, rejects when it cannot be reached. */
export type PostInvite = (hubUrl: string, invite: HubInvite, hubSecret: string) => Promise<number>;

/** `POST <hub>/signals` over fetch, bounded by INVITE_TIMEOUT_MS. */
export const postInvite: PostInvite = async (hubUrl, invite, hubSecret) => {
  const res = await fetch(`${hubUrl}${HUB_INVITE_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${hubSecret}` },
    body: JSON.stringify(invite),
    signal: AbortSignal.timeout(INVITE_TIMEOUT_MS),
  });
  await res.body?.cancel();
  return res.status;
};

/** Options of the invitations one signal app sends. */
export interface HubInvitationsOptions {
  /** The hubs to invite (`HUB_URLS`). */
  hubUrls: readonly string[];
  /** Where the hubs dial this signal app; `setDialUrl` sets it once the port is known. */
  dialUrl?: string;
  hubSecret: string;
  clock: Clock;
  logger?: Logger;
  post?: PostInvite;
}

/**
 * [P24] Invites each hub of `HUB_URLS` to serve this signal app: the hub then dials the `/hubs`
 * namespace like a hub configured with `SIGNAL_URLS`. A hub that is down or refuses is asked
 * again with a doubling wait (1 s to 30 s); an accepted invitation is renewed every minute, so a
 * restarted hub comes back by itself. Failures are logged once per run of failures.
 */
export class HubInvitations {
  readonly #options: HubInvitationsOptions;
  readonly #logger: Logger;
  readonly #post: PostInvite;
  readonly #timers: Timers<string>;
  readonly #failures = new Map<string, number>();
  #dialUrl: string;
  #closed = false;

  constructor(options: HubInvitationsOptions) {
    this.#options = options;
    this.#logger = options.logger ?? noopLogger;
    this.#post = options.post ?? postInvite;
    this.#timers = new Timers(options.clock);
    this.#dialUrl = options.dialUrl ?? '';
  }

  /** Where the hubs are to dial, when it is known only once the app listens. */
  setDialUrl(url: string): void {
    this.#dialUrl = url;
  }

  /** Sends every invitation now. */
  start(): void {
    for (const url of this.#options.hubUrls) void this.#invite(url);
  }

  /** Invitations each hub has not accepted in a row (0: its last one was accepted). */
  failures(hubUrl: string): number {
    return this.#failures.get(hubUrl) ?? 0;
  }

  /** Stops every retry and renewal. Idempotent. */
  close(): void {
    this.#closed = true;
    this.#timers.clearAll();
  }

  async #invite(hubUrl: string): Promise<void> {
    let problem: string | null;
    try {
      const status = await this.#post(hubUrl, { url: this.#dialUrl }, this.#options.hubSecret);
      problem = status === 200 ? null : `answered ${status}`;
    } catch (err) {
      problem = err instanceof Error ? err.message : String(err);
    }
    if (this.#closed) return;
    if (problem === null) {
      if (this.failures(hubUrl) > 0) this.#logger.info('media hub accepted', { hub: hubUrl });
      this.#failures.set(hubUrl, 0);
      this.#timers.set(hubUrl, INVITE_RENEW_MS, () => void this.#invite(hubUrl));
      return;
    }
    const failures = this.failures(hubUrl) + 1;
    this.#failures.set(hubUrl, failures);
    if (failures === 1) {
      this.#logger.warn('media hub did not accept the invitation; retrying', {
        hub: hubUrl,
        problem,
      });
    }
    this.#timers.set(hubUrl, inviteBackoffMs(failures), () => void this.#invite(hubUrl));
  }
}
