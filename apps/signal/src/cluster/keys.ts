/** Redis key and channel names of a Meshwork cluster, all under one prefix. */
export const CLUSTER_PREFIX = 'meshwork';

/** The lease naming the node that runs a room (`SET ... NX PX`). */
export function roomOwnerKey(roomId: string): string {
  return `${CLUSTER_PREFIX}:room:${roomId}:owner`;
}

/** The last plan version a room issued, so a new owner never counts backwards. */
export function roomVersionKey(roomId: string): string {
  return `${CLUSTER_PREFIX}:room:${roomId}:version`;
}

/** Digest of the secrets every node must share (resume tokens, plan proofs, hub tokens). */
export const SECRETS_KEY = `${CLUSTER_PREFIX}:secrets`;

/**
 * Present for one lease after Redis was found empty (restarted without its data): only owners
 * renewing take leases then, so a room is never claimed by a second node before its owner is back.
 */
export const RECOVERY_KEY = `${CLUSTER_PREFIX}:recovering`;

/** The pub/sub channel a node receives forwarded requests and their answers on. */
export function nodeInbox(nodeId: string): string {
  return `${CLUSTER_PREFIX}:node:${nodeId}`;
}

/** Prefix of the Socket.IO adapter's stream and channels. */
export const ADAPTER_STREAM = `${CLUSTER_PREFIX}:sio`;
