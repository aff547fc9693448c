import type { ChildExit } from '@meshwork/netlab';
import type { BotReport } from '../netroom/messages';

/** A broken invariant: what and where. */
export interface Violation {
  invariant: 'media' | 'chat' | 'crash' | 'heap' | 'mixup';
  detail: string;
}

/** Chat ids any bot received more than once. */
export function duplicateChats(reports: readonly BotReport[]): Violation[] {
  const out: Violation[] = [];
  for (const r of reports) {
    const seen = new Set<string>();
    for (const id of r.chatIds) {
      if (seen.has(id)) out.push({ invariant: 'chat', detail: `${r.peerId} got chat ${id} twice` });
      seen.add(id);
    }
  }
  return out;
}

/** Bots missing a chat they should have (they were in the room and reachable when it was sent). */
export function missingChat(reports: readonly BotReport[], chatId: string): Violation[] {
  return reports
    .filter((r) => !r.chatIds.includes(chatId))
    .map((r) => ({ invariant: 'chat' as const, detail: `${r.peerId} never got chat ${chatId}` }));
}

/** Unhandled rejections or uncaught exceptions in any bot, and frames of the wrong origin. */
export function crashesAndMixups(reports: readonly BotReport[]): Violation[] {
  const out: Violation[] = [];
  for (const r of reports) {
    for (const c of r.crashes) out.push({ invariant: 'crash', detail: `${r.peerId}: ${c}` });
    for (const o of r.origins) {
      if (o.foreignFrames > 0) {
        out.push({
          invariant: 'mixup',
          detail: `${r.peerId} got ${o.foreignFrames} foreign frames as ${o.origin}`,
        });
      }
    }
  }
  return out;
}

/** Heap growth the signal app may show over a run after a full GC (rooms come and go). */
export const HEAP_SLACK_BYTES = 8 * 1024 * 1024;

/** The signal app's heap is flat: the last reading is within the slack of the first. */
export function heapFlat(first: number, last: number): Violation[] {
  return last - first > HEAP_SLACK_BYTES
    ? [{ invariant: 'heap', detail: `signal heap grew ${((last - first) / 1e6).toFixed(1)} MB` }]
    : [];
}

/** Signals that end a process from inside its native code. */
const NATIVE_CRASH_SIGNALS: ReadonlySet<string> = new Set([
  'SIGSEGV',
  'SIGABRT',
  'SIGBUS',
  'SIGILL',
  'SIGFPE',
]);

/** Whether a process ended by a fault in its native code. */
export function isNativeCrash(exit: ChildExit): boolean {
  return exit.signal !== null && NATIVE_CRASH_SIGNALS.has(exit.signal);
}
