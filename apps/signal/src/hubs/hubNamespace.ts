import type { Logger } from '@meshwork/kit';
import {
  type ErrorCode,
  HUB_NAMESPACE,
  HubHelloSchema,
  HubLoadSchema,
  type HubToServerEvents,
  PROTOCOL_VERSION,
  type ServerToHubEvents,
} from '@meshwork/protocol';
import type { Namespace } from 'socket.io';
import { isHubTokenValid } from '../server/hubToken';
import type { SignalIo } from '../server/io';
import { HUB_ASSIGN_TIMEOUT_MS, type HubDirectory } from './HubDirectory';

type HubNamespace = Namespace<HubToServerEvents, ServerToHubEvents>;

/** Connect error of a refused hub handshake: `message` is the code. */
function refusal(code: ErrorCode): Error & { data: { code: ErrorCode } } {
  return Object.assign(new Error(code), { data: { code } });
}

/**
 * [P24] The `/hubs` namespace: media hubs prove `HUB_SECRET` in the handshake, report their load,
 * and are asked to serve rooms. Every payload is parsed; a bad one is refused or dropped.
 */
export function attachHubNamespace(
  io: SignalIo,
  deps: { hubSecret: string | null; directory: HubDirectory; logger: Logger },
): HubNamespace {
  const nsp = io.of(HUB_NAMESPACE) as unknown as HubNamespace;
  nsp.use((socket, next) => {
    const hello = HubHelloSchema.safeParse(socket.handshake.auth);
    if (!hello.success) return next(refusal('ERR_BAD_REQUEST'));
    if (hello.data.protocolVersion !== PROTOCOL_VERSION)
      return next(refusal('ERR_PROTOCOL_VERSION'));
    if (!isHubTokenValid(deps.hubSecret, hello.data.hubToken)) return next(refusal('ERR_HUB_AUTH'));
    socket.data = { hello: hello.data };
    next();
  });
  nsp.on('connection', (socket) => {
    const hello = HubHelloSchema.parse(socket.handshake.auth);
    deps.directory.add(socket.id, hello, async (roomId) => {
      try {
        const res = await socket
          .timeout(HUB_ASSIGN_TIMEOUT_MS)
          .emitWithAck('assignRoom', { roomId });
        return res.ok ? { ok: true } : { ok: false, error: res.error };
      } catch {
        return { ok: false, error: 'ERR_INTERNAL' };
      }
    });
    socket.on('hubLoad', (raw: unknown) => {
      const load = HubLoadSchema.safeParse(raw);
      if (load.success) deps.directory.reported(socket.id, load.data);
      else deps.logger.warn('dropped a bad hub load report', { hub: hello.name });
    });
    socket.on('disconnect', () => deps.directory.remove(socket.id));
  });
  return nsp;
}
