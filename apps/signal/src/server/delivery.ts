import type { Effect } from '../registry/types';
import type { SignalIo } from './io';
import type { SignalMetrics } from './metrics';

/** Carries out registry effects. */
export type Deliver = (effects: Effect[]) => void;

/** Delivers registry effects over Socket.IO: each emit to its connection, each drop done. */
export function createDelivery(io: SignalIo, metrics: SignalMetrics): Deliver {
  return (effects) => {
    for (const effect of effects) {
      if (effect.type === 'disconnect') {
        io.in(effect.conn).disconnectSockets(true);
        continue;
      }
      if (effect.event === 'signal') metrics.signalsRelayed.inc();
      // One cast: the effect union pairs each event with its payload type already.
      const target = io.to(effect.conn) as unknown as { emit(e: string, p: unknown): boolean };
      target.emit(effect.event, effect.payload);
    }
  };
}
