import type { JoinOk, JoinRequest, LinkReport, PeerId, PeerPlan } from '@meshwork/protocol';
import { resumeHints } from './resumeHints';
import type { RoomView } from './types';

/** What an accepted join means for this peer's identity. */
export type JoinKind = 'first' | 'resumed' | 'replaced';

/**
 * What a session keeps across connections to come back as the same peer: its id and resume
 * token, and what it last told the room (link report, readiness), which a restarted signal app
 * has to hear again.
 */
export class ResumeState {
  #selfId: PeerId | null = null;
  #token: string | null = null;
  #lastLinkReport: LinkReport[] | null = null;
  #lastReady: number | null = null;

  /** This peer's id, or null before the first join. */
  get selfId(): PeerId | null {
    return this.#selfId;
  }

  /** The latest link report, re-sent after a resume. */
  get lastLinkReport(): LinkReport[] | null {
    return this.#lastLinkReport;
  }

  /** The plan version this peer last said it was ready for. */
  get lastReady(): number | null {
    return this.#lastReady;
  }

  /** Remembers a link report sent (or due) to the room. */
  reportedLinks(links: LinkReport[]): void {
    this.#lastLinkReport = links;
  }

  /** Remembers a readiness sent (or due) to the room. */
  readyFor(version: number): void {
    this.#lastReady = version;
  }

  /** The resume fields of the next join request; none before the first join. */
  requestFields(plan: PeerPlan | null, room: RoomView | null): Partial<JoinRequest> {
    if (this.#token === null) return {};
    const fields: Partial<JoinRequest> = { resumeToken: this.#token };
    if (plan && room) fields.resume = resumeHints(plan, room);
    return fields;
  }

  /**
   * Takes an accepted join. `replaced` means the server did not restore the identity (its grace
   * period ran out): what was said for the old identity is forgotten.
   */
  accept(ok: JoinOk): JoinKind {
    const kind: JoinKind =
      this.#selfId === null ? 'first' : this.#selfId === ok.selfId ? 'resumed' : 'replaced';
    if (kind === 'replaced') {
      this.#lastLinkReport = null;
      this.#lastReady = null;
    }
    this.#selfId = ok.selfId;
    this.#token = ok.resumeToken;
    return kind;
  }
}
