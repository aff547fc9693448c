/** Scale benchmark parent -> load generator. */
export type LoadRequest =
  | { type: 'grow'; url: string; total: number; concurrency: number }
  | { type: 'stop' };

/** Load generator -> parent. */
export type LoadReply =
  | { type: 'ready' }
  | { type: 'grown'; total: number; rooms: number; ms: number }
  | { type: 'failed'; message: string }
  | { type: 'stopped' };
