import type { PeerPlan, ResumeHints } from '@meshwork/protocol';
import type { RoomView } from './types';

/**
 * What this client remembers of its room, sent with its resume token so a restarted signal app
 * rebuilds the room with the same peers, settings, plan version and link epochs (protocol
 * SPEC [P9]): without them every link would start a new life and renegotiate.
 */
export function resumeHints(plan: PeerPlan, room: RoomView): ResumeHints {
  return {
    planVersion: plan.version,
    topology: room.settings.topology,
    hubPreference: room.settings.hubPreference,
    peers: room.peers
      .filter((p) => p.id !== room.selfId)
      .map((p) => ({ id: p.id, joinedAt: p.joinedAt, displayName: p.displayName })),
    links: plan.links.map((l) => ({ peer: l.peer, epoch: l.epoch })),
  };
}
