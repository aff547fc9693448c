/** Every user-visible string of local recording, in English. */
export const RECORDING_STRINGS = {
  record: 'Record',
  stopRecording: 'Stop recording',
  starting: 'Starting the recording…',
  saving: 'Saving the recording…',
  indicator: 'Recording',
  /** `{names}` is a list of who records, bidi-isolated. */
  whoRecords: '{names} recording',
  youRecord: 'You are recording',
  you: 'you',
  started: '{name} started recording',
  stopped: '{name} stopped recording',
  youStarted: 'Recording started; everyone in the room sees that you record',
  saved: 'Recording saved as {file}',
  unsupported: 'This browser cannot record the call',
  failed: 'The recording could not start ({code})',
  tooFast: 'Too many recording starts; wait a moment',
  micOff: 'mic off',
  cameraOff: 'camera off',
  reconnecting: 'Reconnecting…',
  screenOf: "{name}'s screen",
  youSuffix: ' (you)',
} as const;

/** Fills `{key}` placeholders of a recording string. */
export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
