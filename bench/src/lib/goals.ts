import { type Results, readNumber } from './results';

/** One number compared with its goal. */
export interface Goal {
  /** Dotted key in the results, e.g. `signal.joinAckMs.p50`. */
  key: string[];
  label: string;
  unit: string;
  /** The number must be at or under this. */
  max: number;
}

/** A goal and what this run says about it. */
export interface GoalCheck {
  goal: Goal;
  value: number | null;
  status: 'met' | 'missed' | 'pending';
}

const SWITCH_PAIRS = [
  'mesh->star',
  'mesh->ring',
  'star->mesh',
  'star->ring',
  'ring->mesh',
  'ring->star',
] as const;

/** Every goal of the project, in report order. */
export function allGoals(): Goal[] {
  const goals: Goal[] = [
    { key: ['signal', 'joinAckMs', 'p50'], label: 'join ack p50', unit: 'ms', max: 2 },
    { key: ['signal', 'joinAckMs', 'p99'], label: 'join ack p99', unit: 'ms', max: 5 },
    { key: ['signal', 'relayRatio'], label: 'relay cost vs bare relay', unit: 'x', max: 1.25 },
    { key: ['signal', 'heapKbPerPeer'], label: 'heap per peer', unit: 'KB', max: 8 },
    {
      key: ['browser', 'firstFrameMs', 'mesh', '2'],
      label: 'first frame, mesh N=2',
      unit: 'ms',
      max: 150,
    },
    {
      key: ['browser', 'firstFrameMs', 'mesh', '4'],
      label: 'first frame, mesh N=4',
      unit: 'ms',
      max: 400,
    },
  ];
  for (const pair of SWITCH_PAIRS) {
    goals.push(
      { key: ['browser', 'switch', pair, 'ms'], label: `switch ${pair}`, unit: 'ms', max: 300 },
      {
        key: ['browser', 'switch', pair, 'maxGapMs'],
        label: `switch ${pair} longest frame gap`,
        unit: 'ms',
        max: 100,
      },
    );
  }
  goals.push(
    { key: ['browser', 'ringHopMs'], label: 'added latency per ring hop', unit: 'ms', max: 15 },
    { key: ['web', 'initialJsKbGz'], label: 'room page first JS', unit: 'KB gz', max: 100 },
    { key: ['web', 'meshLibKbGz'], label: 'mesh library', unit: 'KB gz', max: 25 },
  );

  return goals;
}

/** Checks every goal against the results. */
export function checkGoals(results: Results): GoalCheck[] {
  return allGoals().map((goal) => {
    const value = readNumber(results, goal.key);
    if (value === null) return { goal, value, status: 'pending' };
    return { goal, value, status: value <= goal.max ? 'met' : 'missed' };
  });
}
