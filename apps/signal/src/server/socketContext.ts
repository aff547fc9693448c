import type { Logger } from '@meshwork/kit';
import { ERROR_MESSAGES, type SignalRequest } from '@meshwork/protocol';
import type { HandlerContext } from './handler';
import type { SignalSocket } from './io';
import type { SignalMetrics } from './metrics';

/** How handlers answer a socket beyond its ack: refusals counted, ack-less failures told. */
export function socketHandlerContext(
  logger: Logger,
  metrics: SignalMetrics,
): HandlerContext<SignalSocket> {
  return {
    logger,
    rejected: (code) => metrics.reject(code),
    missingAck: (socket, event) => {
      metrics.reject('ERR_BAD_REQUEST');
      socket.emit('serverError', {
        error: 'ERR_BAD_REQUEST',
        message: `${ERROR_MESSAGES.ERR_BAD_REQUEST} (${event} needs an ack callback)`,
      });
    },
    unanswered: (socket, event, res, payload) => {
      // [P3] A relay request that was parsed names its target; anything else is a serverError.
      const req = event === 'signal' ? (payload as SignalRequest | undefined) : undefined;
      if (req !== undefined) {
        socket.emit('signalRejected', {
          to: req.to,
          epoch: req.epoch,
          error: res.error,
          message: res.message,
        });
        return;
      }
      socket.emit('serverError', { error: res.error, message: `${res.message} (${event})` });
    },
    describe: (socket) => socket.id,
  };
}
