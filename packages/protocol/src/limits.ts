/**
 * Size and count limits of the wire contract. Schemas enforce them; the signal app derives its
 * transport cap from MAX_MESSAGE_BYTES. See SPEC.md [P7].
 */
export const LIMITS = {
  roomIdMaxChars: 64,
  displayNameMaxChars: 48,
  passwordMaxChars: 128,
  resumeTokenMaxChars: 512,
  /** A browser offer with 16 peers' relayed audio+video stays far below this (SPEC [P7]). */
  sdpMaxChars: 196_608,
  candidateMaxChars: 1_024,
  manifestMaxEntries: 96,
  linkReportsMaxEntries: 64,
  iceServersMax: 8,
  /**
   * Star hubs and ring relays put up to three m-lines per origin on one link, about 3.3 KB of
   * Chromium SDP each: at 20 peers a hub's offer (57 m-lines) is about 186 KB, just inside
   * `sdpMaxChars`. Larger rooms would need a server-side relay (SPEC [P7]).
   */
  maxPeersPerRoomCeiling: 20,
  /** Largest uplink a capacity hint may claim (10 Gbit/s); hints only break ties (SPEC [P17]). */
  uplinkKbpsMax: 10_000_000,
  /** Longest plan-version proof (`PeerPlan.proof`). */
  planProofMaxChars: 128,
  /** Longest media-hub credential accepted at join. */
  hubTokenMaxChars: 256,
  /** Largest gap a chat `sentAt` may have from the receiver's clock (SPEC [P14]). */
  peerClockSkewMaxMs: 24 * 60 * 60 * 1000,
} as const;

/**
 * Largest legitimate message on the socket, in bytes: a description at the SDP limit plus its
 * manifest and envelope. The transport cap is set near twice this.
 */
export const MAX_MESSAGE_BYTES = LIMITS.sdpMaxChars + 32_768;
