import * as z from 'zod/mini';
import {
  AnswerLobbyRequestSchema,
  E2eeKeyRequestSchema,
  JoinRequestSchema,
  PeerTargetRequestSchema,
  PlanReadyRequestSchema,
  RaiseHandRequestSchema,
  ReactRequestSchema,
  ReportLinksRequestSchema,
  SetHubRequestSchema,
  SetRecordingRequestSchema,
  SetTopologyRequestSchema,
  UpdatePeerRequestSchema,
  UpdateRoomRequestSchema,
} from './messages';
import { SignalRequestSchema } from './signal';

/**
 * The request schemas of every client event, compiled ahead of time with zod's `compile`: the
 * same schemas, the same parsed values and the same issues, without the per-node dispatch of
 * the runtime parser (a relayed candidate parses about 20x faster). Compiling generates code
 * with `new Function`, so this is for the signal app; browsers never call it.
 */
export function compileRequestSchemas() {
  return {
    join: z.compile(JoinRequestSchema),
    signal: z.compile(SignalRequestSchema),
    setTopology: z.compile(SetTopologyRequestSchema),
    setHub: z.compile(SetHubRequestSchema),
    updatePeer: z.compile(UpdatePeerRequestSchema),
    reportLinks: z.compile(ReportLinksRequestSchema),
    planReady: z.compile(PlanReadyRequestSchema),
    updateRoom: z.compile(UpdateRoomRequestSchema),
    removePeer: z.compile(PeerTargetRequestSchema),
    transferHost: z.compile(PeerTargetRequestSchema),
    answerLobby: z.compile(AnswerLobbyRequestSchema),
    raiseHand: z.compile(RaiseHandRequestSchema),
    react: z.compile(ReactRequestSchema),
    setRecording: z.compile(SetRecordingRequestSchema),
    e2eeKey: z.compile(E2eeKeyRequestSchema),
  };
}

/** The compiled request schemas, by event. */
export type CompiledRequestSchemas = ReturnType<typeof compileRequestSchemas>;
