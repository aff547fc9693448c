import type { PeerId } from '@meshwork/protocol';

/** A node's position in the picture, in a 0..size square. */
export interface Point {
  x: number;
  y: number;
}

/**
 * Places peers on a circle in join order; a star's hub goes in the middle. Pure, so the picture
 * is stable across renders.
 */
export function layoutPeers(
  order: readonly PeerId[],
  hub: PeerId | null,
  size: number,
): Map<PeerId, Point> {
  const center = size / 2;
  const radius = size * 0.36;
  const ring = hub ? order.filter((id) => id !== hub) : [...order];
  const points = new Map<PeerId, Point>();
  if (hub && order.includes(hub)) points.set(hub, { x: center, y: center });
  ring.forEach((id, i) => {
    if (ring.length === 1 && !hub) {
      points.set(id, { x: center, y: center });
      return;
    }
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / ring.length;
    points.set(id, { x: center + radius * Math.cos(angle), y: center + radius * Math.sin(angle) });
  });
  return points;
}
