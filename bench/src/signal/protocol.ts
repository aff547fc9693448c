/** Which server the child runs. `bare-ack` is the bare relay plus an ack, to split the cost. */
export type ServerMode = 'meshwork' | 'bare' | 'bare-ack';

/** Parent -> server child. */
export type ChildRequest =
  | { type: 'cpu' }
  | { type: 'loop' }
  | { type: 'heap' }
  | { type: 'snapshot'; path: string }
  | { type: 'stop' };

/** Server child -> parent. */
export type ChildReply =
  | { type: 'ready'; port: number }
  | { type: 'cpu'; usage: NodeJS.CpuUsage }
  | { type: 'loop'; p99Ms: number; maxMs: number }
  | { type: 'heap'; heapUsed: number; external: number; rss: number }
  | { type: 'snapshot'; path: string }
  | { type: 'stopped' };
