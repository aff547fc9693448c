import { performance } from 'node:perf_hooks';
import type { Clock, Logger } from '@meshwork/kit';
import {
  DisplayNameSchema,
  type ErrorCode,
  PROTOCOL_VERSION,
  RoomIdSchema,
} from '@meshwork/protocol';
import type { ResumeTokens } from '../auth/resumeToken';
import { turnCredentials } from '../auth/turn';
import type { SignalConfig } from '../config';
import { fail } from '../registry/effects';
import type { RoomRegistry } from '../registry/RoomRegistry';
import type { Joined, JoinInput, Outcome } from '../registry/types';
import { type Connection, takePasswordAttempt } from './connection';
import type { Deliver } from './delivery';
import { type AnyEventRow, defineRow } from './eventRow';
import { classifyIssues, type Issue } from './handler';
import type { SignalSocket } from './io';
import type { SignalMetrics } from './metrics';
import { requestSchemas } from './schemas';

/** What the join row needs. */
export interface JoinDeps {
  registry: RoomRegistry;
  deliver: Deliver;
  connections: WeakMap<SignalSocket, Connection>;
  tokens: ResumeTokens;
  config: SignalConfig;
  clock: Clock;
  metrics: SignalMetrics;
  logger: Logger;
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
type Admitted = Joined & { roomId: string; receivedAt: number };

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
      if (req.password !== undefined && !takePasswordAttempt(state, clock.now()))
        return fail('ERR_RATE_LIMITED');
      const claim = req.resumeToken ? tokens.verify(req.resumeToken) : null;
      const input: JoinInput = { conn, roomId: roomId.data, displayName: displayName.data };
      if (req.password !== undefined) input.password = req.password;
      if (req.media) input.media = req.media;
      if (req.capacity) input.capacity = req.capacity;
      if (claim && claim.roomId === roomId.data) {
        input.resume = { peerId: claim.peerId, joinedAt: claim.joinedAt };
        if (req.resume) input.resume.hints = req.resume;
      }
      state.joining = true;
      const outcome = await registry.join(input).finally(() => {
        state.joining = false;
      });
      if (!outcome.ok) return outcome;
      if (!socket.connected) {
        // Gone while the password was checked: nobody to answer, so leave at once.
        deps.deliver(outcome.effects);
        deps.deliver(registry.leave(conn).effects);
        return fail('ERR_NOT_JOINED');
      }
      socket.data.peerId = outcome.peerId;
      socket.data.roomId = roomId.data;
      deps.logger.debug('joined', { conn, roomId: roomId.data, peerId: outcome.peerId });
      return { ...outcome, roomId: roomId.data, receivedAt };
    },
    reply: (joined) => {
      const iceServers = [...config.iceServers];
      if (config.turn) iceServers.push(turnCredentials(config.turn, joined.peerId, clock.now()));
      return {
        ok: true,
        selfId: joined.peerId,
        resumeToken: tokens.sign({
          roomId: joined.roomId,
          peerId: joined.peerId,
          joinedAt: joined.joinedAt,
        }),
        resumed: joined.resumed,
        room: joined.room,
        plan: joined.plan,
        iceServers,
      };
    },
    settled: (joined) => deps.metrics.joinLatencyMs.observe(performance.now() - joined.receivedAt),
  });
}
