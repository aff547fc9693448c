import { type ClientToServerEvents, DisplayNameSchema } from '@meshwork/protocol';
import { fail } from '../registry/effects';
import type { Outcome } from '../registry/types';
import { type AnyEventRow, defineRow } from './eventRow';
import { isPromise } from './handler';
import type { SignalSocket } from './io';
import { type JoinDeps, joinRow } from './joinEvent';
import type { RoomService } from './roomService';
import { requestSchemas } from './schemas';

/** The server's event table: one row for each client event, none missing. */
export type EventTable = {
  [E in keyof ClientToServerEvents]: AnyEventRow<SignalSocket> & { event: E };
};

/** Every client event the server handles, one row each. */
export function eventTable(deps: JoinDeps): EventTable {
  const registry: RoomService = deps.registry;
  const schemas = requestSchemas();
  return {
    join: joinRow(deps),
    leave: defineRow({
      event: 'leave',
      run: (_none, socket: SignalSocket) => {
        const done = (outcome: Outcome): Outcome => {
          if (outcome.ok) socket.data = {};
          return outcome;
        };
        const outcome = registry.leave(socket.id);
        return isPromise(outcome) ? outcome.then(done) : done(outcome);
      },
    }),
    // [P3] The one event whose ack is optional: relayed signals are fire-and-forget, and a
    // refused one without an ack is answered with `signalRejected`.
    signal: defineRow({
      event: 'signal',
      schema: schemas.signal,
      ackOptional: true,
      run: (req, socket: SignalSocket) => registry.signal(socket.id, req),
    }),
    // [P33] A frame-key message for a member the sender has no direct link to.
    e2eeKey: defineRow({
      event: 'e2eeKey',
      schema: schemas.e2eeKey,
      run: (req, socket: SignalSocket) => registry.e2eeKey(socket.id, req),
    }),
    setTopology: defineRow({
      event: 'setTopology',
      schema: schemas.setTopology,
      run: (req, socket: SignalSocket) =>
        registry.setTopology(socket.id, req.topology, req.audioRouting ?? null),
      reply: (outcome) => ({ ok: true, version: outcome.version }),
    }),
    setHub: defineRow({
      event: 'setHub',
      schema: schemas.setHub,
      run: (req, socket: SignalSocket) => registry.setHub(socket.id, req.hub),
      reply: (outcome) => ({ ok: true, version: outcome.version }),
    }),
    updatePeer: defineRow({
      event: 'updatePeer',
      schema: schemas.updatePeer,
      run: (req, socket: SignalSocket) => {
        if (!registry.peerOf(socket.id)) return fail('ERR_NOT_JOINED');
        let displayName: string | undefined;
        if (req.displayName !== undefined) {
          const parsed = DisplayNameSchema.safeParse(req.displayName);
          if (!parsed.success) return fail('ERR_INVALID_DISPLAY_NAME');
          displayName = parsed.data;
        }
        return registry.updatePeer(socket.id, {
          ...(displayName !== undefined ? { displayName } : {}),
          ...(req.media ? { media: req.media } : {}),
          ...(req.capacity ? { capacity: req.capacity } : {}),
        });
      },
    }),
    reportLinks: defineRow({
      event: 'reportLinks',
      schema: schemas.reportLinks,
      run: (req, socket: SignalSocket) => registry.reportLinks(socket.id, req.links),
    }),
    planReady: defineRow({
      event: 'planReady',
      schema: schemas.planReady,
      run: (req, socket: SignalSocket) => registry.planReady(socket.id, req.version),
    }),
    // [P15] Host-only requests; the registry answers ERR_NOT_HOST for anyone else.
    updateRoom: defineRow({
      event: 'updateRoom',
      schema: schemas.updateRoom,
      run: (req, socket: SignalSocket) => registry.updateRoom(socket.id, req),
    }),
    removePeer: defineRow({
      event: 'removePeer',
      schema: schemas.removePeer,
      run: (req, socket: SignalSocket) => registry.removePeer(socket.id, req.peer),
    }),
    transferHost: defineRow({
      event: 'transferHost',
      schema: schemas.transferHost,
      run: (req, socket: SignalSocket) => registry.transferHost(socket.id, req.peer),
    }),
    // [P25] Host only: the registry answers ERR_NOT_HOST for anyone else.
    answerLobby: defineRow({
      event: 'answerLobby',
      schema: schemas.answerLobby,
      run: (req, socket: SignalSocket) => registry.answerLobby(socket.id, req.id, req.admit),
    }),
    // [P26] Hands and reactions; lowering another's hand is the host's.
    raiseHand: defineRow({
      event: 'raiseHand',
      schema: schemas.raiseHand,
      run: (req, socket: SignalSocket) => registry.raiseHand(socket.id, req.raised, req.peer),
    }),
    react: defineRow({
      event: 'react',
      schema: schemas.react,
      run: (req, socket: SignalSocket) => registry.react(socket.id, req.reaction),
    }),
    // [P29] A peer sets only its own recording state; the request names no one.
    setRecording: defineRow({
      event: 'setRecording',
      schema: schemas.setRecording,
      run: (req, socket: SignalSocket) => registry.setRecording(socket.id, req.recording),
    }),
  };
}
