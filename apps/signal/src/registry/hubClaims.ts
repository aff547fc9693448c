import type { CapacityHints } from '@meshwork/protocol';

/**
 * Whether capacity hints claim what only a media hub that proved `HUB_SECRET` may claim: the
 * `server` device class ([P17]) or a hub's load shown to the room ([P24]).
 */
export function claimsHub(capacity: CapacityHints | undefined): boolean {
  return capacity?.deviceClass === 'server' || capacity?.hubLoad !== undefined;
}
