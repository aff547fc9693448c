import { performance } from 'node:perf_hooks';
import type { Clock, Logger } from '@meshwork/kit';
import {
  DisplayNameSchema,
  type ErrorCode,
  PROTOCOL_VERSION,
  RoomIdSchema,
} from '@meshwork/protocol';
import { keyDigest, type ResumeTokens } from '../auth/resumeToken';
import { iceServersFor } from '../auth/turn';
import type { SignalConfig } from '../config';
import { fail } from '../registry/effects';
import type { Joined, JoinInput, Outcome } from '../registry/types';
import type { Connection } from './connection';
import type { Deliver } from './delivery';
import { type AnyEventRow, defineRow } from './eventRow';
import { classifyIssues, type Issue } from './handler';
import { isHubTokenValid } from './hubToken';
import type { SignalSocket } from './io';
import { type EdgeLimits, enterJoin } from './joinGate';
import type { SignalMetrics } from './metrics';
import type { RoomService } from './roomService';
import { requestSchemas } from './schemas';
import type { TurnRenewal } from './turnRenewal';

/** What the join row needs. */
export interface JoinDeps {
  /** The rooms: the registry on one node, the cluster's router on several. */
  registry: RoomService;
  deliver: Deliver;
  connections: WeakMap<SignalSocket, Connection>;
  tokens: ResumeTokens;
  config: SignalConfig;
  clock: Clock;
  metrics: SignalMetrics;
  logger: Logger;
  /** [P18] The per-address and per-room counters. */
  limits: EdgeLimits;
  /** [P19] Renews a joined peer's TURN credentials; null without TURN. */
  turnRenewal: TurnRenewal | null;
  /** [P24] Offers a room a media hub once a person is in it. */
  hubs?: { roomJoined(roomId: string): Promise<void> };
}

/** [P1][P11] A refused join payload: another protocol version, a bad room id or a bad name. */
export function classifyJoin(raw: unknown, issues: readonly Issue[]): ErrorCode {
  if (typeof raw === 'object' && raw !== null && 'protocolVersion' in raw) {
    const version = (raw as { protocolVersion: unknown }).protocolVersion;
    if (typeof version === 'number' && version !== PROTOCOL_VERSION) return 'ERR_PROTOCOL_VERSION';
  }
  const fields = new Set(issues.map((i) => i.path[0]));
  if (fields.size === 1 && fields.has('roomId')) return 'ERR_INVALID_ROOM_ID';
  if (fields.size === 1 && fields.has('displayName')) return 'ERR_INVALID_DISPLAY_NAME';
  return classifyIssues(issues);
}

/** A join admitted by the registry, with what the ack and the latency metric need. */
type Admitted = Joined & { roomId: string; receivedAt: number; publicKey: string };

/**
 * The join row: edge rules in the order clients are told about them (version first, then
 * already joined, room id, name, password budget), then the registry's admission.
 */
export function joinRow(deps: JoinDeps): AnyEventRow<SignalSocket> & { event: 'join' } {
  const { registry, connections, tokens, config, clock } = deps;
  return defineRow({
    event: 'join',
    schema: requestSchemas().join,
    classify: classifyJoin,
    run: async (req, socket: SignalSocket): Promise<Outcome<Admitted>> => {
      // Monotonic and sub-millisecond: the latency histogram's buckets start at 0.1 ms.
      const receivedAt = performance.now();
      const conn = socket.id;
      const state = connections.get(socket);
      if (state === undefined) return fail('ERR_INTERNAL');
      // [P1] The version is checked before anything else, so old clients are told to reload.
      if (req.protocolVersion !== PROTOCOL_VERSION) return fail('ERR_PROTOCOL_VERSION');
      if (state.joining || registry.peerOf(conn)) return fail('ERR_ALREADY_JOINED');
      const roomId = RoomIdSchema.safeParse(req.roomId);
      if (!roomId.success) return fail('ERR_INVALID_ROOM_ID');
      const displayName = DisplayNameSchema.safeParse(req.displayName);
      if (!displayName.success) return fail('ERR_INVALID_DISPLAY_NAME');
      const ticket = enterJoin(
        deps.limits,
        state,
        roomId.data,
        req.password !== undefined,
        clock.now(),
      );
      if (!ticket.ok) return fail(ticket.error);
      // [P16] An expired token, or one for another room, is no token at all.
      const verified = req.resumeToken ? tokens.verify(req.resumeToken, clock.now()) : null;
      const claim = verified?.roomId === roomId.data ? verified : null;
      // [P14] A key never changes while its id lives: a resume with another key is refused.
      if (claim && claim.key !== keyDigest(req.publicKey)) return fail('ERR_BAD_REQUEST');
      const input: JoinInput = {
        conn,
        roomId: roomId.data,
        displayName: displayName.data,
        publicKey: req.publicKey,
        // [P17] The edge says who is a media hub; the registry decides what a hub may claim.
        hubVerified: isHubTokenValid(config.hubSecret, req.hubToken),
      };
      if (req.password !== undefined) input.password = req.password;
      if (req.media) input.media = req.media;
      if (req.capacity) input.capacity = req.capacity;
      if (claim) {
        input.resume = {
          peerId: claim.peerId,
          joinedAt: claim.joinedAt,
          host: claim.host,
          passwordHash: claim.passwordHash,
        };
        if (req.resume) input.resume.hints = req.resume;
      }
      state.joining = true;
      let outcome: Outcome<Joined> | undefined;
      try {
        outcome = await registry.join(input);
      } finally {
        state.joining = false;
        ticket.settle(outcome?.ok === true);
      }
      if (!outcome.ok) {
        // [P25] A join that waits in the lobby still tells the members who waits.
        deps.deliver(outcome.effects);
        return outcome;
      }
      if (!socket.connected) {
        // Gone while the password was checked: nobody to answer, so leave at once.
        deps.deliver(outcome.effects);
        deps.deliver((await registry.leave(conn)).effects);
        return fail('ERR_NOT_JOINED');
      }
      socket.data.peerId = outcome.peerId;
      socket.data.roomId = roomId.data;
      deps.logger.debug('joined', { conn, roomId: roomId.data, peerId: outcome.peerId });
      return { ...outcome, roomId: roomId.data, receivedAt, publicKey: req.publicKey };
    },
    reply: (joined) => {
      const iceServers = iceServersFor(config.iceServers, config.turn, joined.peerId, clock.now());
      return {
        ok: true,
        selfId: joined.peerId,
        resumeToken: tokens.sign(
          {
            roomId: joined.roomId,
            peerId: joined.peerId,
            joinedAt: joined.joinedAt,
            host: joined.room.settings.hostId === joined.peerId,
            key: keyDigest(joined.publicKey),
            passwordHash: joined.passwordHash,
          },
          clock.now(),
        ),
        resumed: joined.resumed,
        room: joined.room,
        plan: joined.plan,
        iceServers,
      };
    },
    settled: (joined, socket) => {
      deps.turnRenewal?.start(socket, joined.peerId);
      deps.metrics.joinLatencyMs.observe(performance.now() - joined.receivedAt);
      deps.hubs?.roomJoined(joined.roomId).catch((err: unknown) => {
        deps.logger.error('offering a media hub failed', { err, roomId: joined.roomId });
      });
    },
  });
}
