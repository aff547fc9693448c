import type { PeerPlan, ResumeHints } from '@meshwork/protocol';
import type { RoomView } from './types';

/**
 * What this client remembers of its room, sent with its resume token so a restarted signal app
 * rebuilds the room without going backwards (protocol SPEC [P9], [P16]): the plan version with
 * the server's proof of it, the settings, and this peer's own links with their epochs, so no
 * link starts a new life. Hints never name other peers: the server would not trust them.
 */
export function resumeHints(plan: PeerPlan, room: RoomView): ResumeHints {
  return {
    planVersion: plan.version,
    planProof: plan.proof,
    topology: room.settings.topology,
    audioRouting: room.settings.audioRouting,
    hubPreference: room.settings.hubPreference,
    links: plan.links.map((l) => ({ peer: l.peer, epoch: l.epoch })),
  };
}
