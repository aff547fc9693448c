import { expect } from 'vitest';
import type { BotRoom } from './room';

/** Frames from every origin carry that origin's bot index: nothing was routed to the wrong tile. */
export function expectNoMixUps(room: BotRoom): void {
  for (const receiver of room.bots) {
    for (const origin of room.bots) {
      if (origin === receiver) continue;
      const s = receiver.stats(origin.id);
      expect(s?.index, `${receiver.name} <- ${origin.name}`).toBe(origin.index);
      expect(s?.foreignFrames).toBe(0);
    }
  }
}
