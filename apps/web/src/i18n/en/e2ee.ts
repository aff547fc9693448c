/** End-to-end encryption and who sees your media (SPEC [P31]). */
export const e2ee = {
  shieldEncrypted: 'End-to-end encrypted',
  shieldEncryptedHint:
    'Only the people in the call can see and hear it: the server forwards media it cannot read.',
  shieldRelayed: 'Encrypted, not end-to-end',
  shieldRelayedHint: (names: string) => `${names} relay video in the browser, so they decode it.`,
  shieldPending: 'Encryption starting',
  shieldPendingHint: 'End-to-end encryption is on; this page has not encrypted media yet.',
  shieldUnsupported: 'This browser cannot encrypt media end to end.',
  exposureTitle: 'Who sees your media',
  decodedBy: (names: string) => `Your video is decoded by: ${names}`,
  nobodyDecodes: 'Only the people you call decode your video.',
  forwardedBy: (names: string) => `Forwarded without decoding by: ${names}`,
  relaySuffix: 'relay',
  hubSuffix: 'media hub',
  /** A person and what they are: "Bo (relay)". */
  withRole: (name: string, role: string) => `${name} (${role})`,
  cannotDecryptFrom: (names: string) => `Can't decrypt from: ${names}`,
  cannotDecrypt: (who: string) => `Can't decrypt the media from ${who}`,
  badKey: (who: string) => `An encryption key from ${who} failed verification and was dropped`,
  settingLabel: 'End-to-end encryption',
  settingHint:
    'The host turns it on for everyone: each person encrypts their audio and video with keys only the people in the call hold.',
  settingHostOnly: 'Only the host can change this.',
  confirmTitle: 'End end-to-end encryption?',
  confirmBody: (topology: string, names: string) =>
    `In a ${topology}, ${names} would relay video in the browser and so decode it. Media stays encrypted on each link, but not end to end.`,
  confirmSwitch: 'Switch anyway',
  confirmCancel: 'Keep encryption end to end',
  regionExposure: 'who sees your media',
  regionSetting: 'the encryption setting',
} as const;
