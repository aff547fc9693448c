/** Local recording and the recording indicator (SPEC [P29]). */
export const recording = {
  record: 'Record',
  stopRecording: 'Stop recording',
  starting: 'Starting the recording…',
  saving: 'Saving the recording…',
  indicator: 'Recording',
  /** `names` is a list of who records, bidi-isolated. */
  whoRecords: (names: string) => `${names} recording`,
  /** Between the names of those who record. */
  separator: ', ',
  titled: (names: string) => `Recording: ${names}`,
  youRecord: 'You are recording',
  you: 'you',
  started: (name: string) => `${name} started recording`,
  stopped: (name: string) => `${name} stopped recording`,
  youStarted: 'Recording started; everyone in the room sees that you record',
  saved: (file: string) => `Recording saved as ${file}`,
  unsupported: 'This browser cannot record the call',
  failed: (reason: string) => `The recording could not start: ${reason}`,
  tooFast: 'Too many recording starts; wait a moment',
  micOff: 'mic off',
  cameraOff: 'camera off',
  reconnecting: 'Reconnecting…',
  screenOf: (name: string) => `${name}'s screen`,
  youSuffix: ' (you)',
} as const;
