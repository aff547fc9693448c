import * as z from 'zod/mini';
import { DisplayNameSchema, PeerIdSchema, TopologySchema } from './primitives';

/** [P21] The `<meta>` name under which a served page lists the origins allowed to embed it. */
export const EMBED_ORIGINS_META = 'meshwork-embed-origins';

/** [P21] Version of the embed messages; both sides send it in the handshake. */
export const EMBED_VERSION = 1;

/** [P21] Coded errors of the embed channel, with the sentence a host page's developer sees. */
export const EMBED_ERROR_MESSAGES = {
  ERR_EMBED_BAD_MESSAGE: 'The message does not match the embed schema.',
  ERR_EMBED_UNKNOWN: 'No such embed command or request.',
  ERR_EMBED_FAILED: 'The call could not do that now.',
} as const;

/** [P21] A stable embed error code. */
export type EmbedErrorCode = keyof typeof EMBED_ERROR_MESSAGES;

/** [P21] The frame's first message to `window.parent`, posted to one allowed origin. */
export const EmbedHelloSchema = z.object({
  meshwork: z.literal('hello'),
  version: z.literal(EMBED_VERSION),
});

/** [P21] The host's answer to `hello`, carrying the `MessagePort` everything else goes over. */
export const EmbedConnectSchema = z.object({
  meshwork: z.literal('connect'),
  version: z.literal(EMBED_VERSION),
});

/** [P21] Arguments of each command the host may send. */
export const EMBED_COMMAND_ARGS = {
  toggleAudio: z.tuple([]),
  toggleVideo: z.tuple([]),
  setDisplayName: z.tuple([DisplayNameSchema]),
  setTopology: z.tuple([TopologySchema]),
  hangup: z.tuple([]),
} as const;

/** [P21] A command name. */
export type EmbedCommandName = keyof typeof EMBED_COMMAND_ARGS;

/** [P21] Requests the host may make; each is answered once. */
export const EMBED_REQUEST_NAMES = ['getParticipants', 'getState'] as const;

/** [P21] A request name. */
export type EmbedRequestName = (typeof EMBED_REQUEST_NAMES)[number];

/** [P21] Events the frame sends the host. */
export const EMBED_EVENT_NAMES = [
  'ready',
  'joined',
  'participantJoined',
  'participantLeft',
  'topologyChanged',
  'left',
  'error',
] as const;

/** [P21] An event name. */
export type EmbedEventName = (typeof EMBED_EVENT_NAMES)[number];

const MAX_ARGS = 4;

/** [P21] A command over the port: fire and forget; failures come back as an `error` event. */
export const EmbedCommandSchema = z.object({
  type: z.literal('command'),
  name: z.string().check(z.maxLength(64)),
  args: z.array(z.unknown()).check(z.maxLength(MAX_ARGS)),
});

/** [P21] A request over the port; answered by a `response` with the same id. */
export const EmbedRequestSchema = z.object({
  type: z.literal('request'),
  id: z.int().check(z.gte(0), z.lte(Number.MAX_SAFE_INTEGER)),
  name: z.string().check(z.maxLength(64)),
});

/** [P21] What the host sends over the port. */
export const EmbedHostMessageSchema = z.discriminatedUnion('type', [
  EmbedCommandSchema,
  EmbedRequestSchema,
]);

/** [P21] A participant as the host page sees one. */
export const EmbedParticipantSchema = z.object({
  id: PeerIdSchema,
  displayName: z.string(),
  audio: z.boolean(),
  video: z.boolean(),
  self: z.boolean(),
});

/** [P21] The call's state as `getState` answers it. */
export const EmbedStateSchema = z.object({
  status: z.string(),
  roomId: z.nullable(z.string()),
  topology: z.nullable(TopologySchema),
  audio: z.boolean(),
  video: z.boolean(),
  displayName: z.string(),
  participants: z.int(),
});

const EmbedErrorSchema = z.object({
  code: z.enum(['ERR_EMBED_BAD_MESSAGE', 'ERR_EMBED_UNKNOWN', 'ERR_EMBED_FAILED']),
  message: z.string(),
});

/** [P21] What the frame sends over the port: events and responses. */
export const EmbedFrameMessageSchema = z.union([
  z.object({ type: z.literal('event'), name: z.enum(EMBED_EVENT_NAMES), data: z.unknown() }),
  z.object({
    type: z.literal('response'),
    id: z.int(),
    ok: z.literal(true),
    result: z.unknown(),
  }),
  z.object({
    type: z.literal('response'),
    id: z.int(),
    ok: z.literal(false),
    error: EmbedErrorSchema,
  }),
]);

/** [P21] Inferred types of the embed messages. */
export type EmbedHostMessage = z.infer<typeof EmbedHostMessageSchema>;
/** [P21] A frame-to-host message. */
export type EmbedFrameMessage = z.infer<typeof EmbedFrameMessageSchema>;
/** [P21] A participant entry. */
export type EmbedParticipant = z.infer<typeof EmbedParticipantSchema>;
/** [P21] The `getState` answer. */
export type EmbedState = z.infer<typeof EmbedStateSchema>;
/** [P21] An embed error as sent. */
export type EmbedError = z.infer<typeof EmbedErrorSchema>;

/** [P21] A host message checked once: a known command with valid arguments, a request, or why not. */
export type EmbedCall =
  | { ok: true; kind: 'command'; name: EmbedCommandName; args: readonly unknown[] }
  | { ok: true; kind: 'request'; id: number; name: EmbedRequestName }
  | { ok: false; id: number | null; error: EmbedError };

function fail(id: number | null, code: EmbedErrorCode, detail?: string): EmbedCall {
  const message = detail ? `${EMBED_ERROR_MESSAGES[code]} (${detail})` : EMBED_ERROR_MESSAGES[code];
  return { ok: false, id, error: { code, message } };
}

/** [P21] Parses anything the host sent; never throws. */
export function parseEmbedCall(raw: unknown): EmbedCall {
  const parsed = EmbedHostMessageSchema.safeParse(raw);
  if (!parsed.success) return fail(null, 'ERR_EMBED_BAD_MESSAGE');
  const msg = parsed.data;
  if (msg.type === 'request') {
    const name = EMBED_REQUEST_NAMES.find((n) => n === msg.name);
    return name
      ? { ok: true, kind: 'request', id: msg.id, name }
      : fail(msg.id, 'ERR_EMBED_UNKNOWN', msg.name);
  }
  if (!Object.hasOwn(EMBED_COMMAND_ARGS, msg.name))
    return fail(null, 'ERR_EMBED_UNKNOWN', msg.name);
  const name = msg.name as EmbedCommandName;
  const args = EMBED_COMMAND_ARGS[name].safeParse(msg.args);
  if (!args.success) return fail(null, 'ERR_EMBED_BAD_MESSAGE', `arguments of ${name}`);
  return { ok: true, kind: 'command', name, args: args.data };
}
