import type { Topology } from '@meshwork/protocol';

/** Expected hops of origin -> receiver, given the plan's join order and hub. */
export type HopsFn = (
  order: readonly string[],
  hub: string | null,
  origin: string,
  receiver: string,
) => number;

/** Hops origin -> receiver that `topology` should give, from the join order and the hub. */
export function expectedHops(
  topology: Topology,
  order: readonly string[],
  hub: string | null,
  origin: string,
  receiver: string,
): number {
  if (topology === 'mesh') return 1;
  if (topology === 'star') return origin === hub || receiver === hub ? 1 : 2;
  const n = order.length;
  const d = Math.abs(order.indexOf(origin) - order.indexOf(receiver));
  return Math.min(d, n - d);
}
