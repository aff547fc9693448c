/** Before joining: preview, name, password, devices, and why a device or a join failed. */
export const prejoin = {
  preview: 'Your camera preview',
  startingCamera: 'Starting camera…',
  cameraOff: 'Camera is off',
  /** The heading before the room's name: `Join brave-otter-42`. */
  join: 'Join',
  joining: 'Joining…',
  yourName: 'Your name',
  password: 'Room password',
  camera: 'Camera',
  microphone: 'Microphone',
  /** A device the browser lists without a name. */
  unnamed: {
    videoinput: (n: number) => `Camera ${n}`,
    audioinput: (n: number) => `Microphone ${n}`,
  },
  muteMic: 'Mute microphone',
  unmuteMic: 'Unmute microphone',
  cameraOffAction: 'Turn camera off',
  cameraOnAction: 'Turn camera on',
  /** Device problems, by device. */
  problem: {
    camera: {
      denied:
        "Permission to use the camera was denied. You can still join without it, or allow it in the browser's site settings and reload.",
      'not-found': 'No camera was found. You can join without one.',
      'in-use': 'The camera is in use by another application or could not start.',
      unsupported: 'This browser cannot use a camera here (a secure https page is needed).',
      failed: 'The camera could not be started.',
    },
    microphone: {
      denied:
        "Permission to use the microphone was denied. You can still join without it, or allow it in the browser's site settings and reload.",
      'not-found': 'No microphone was found. You can join without one.',
      'in-use': 'The microphone is in use by another application or could not start.',
      unsupported: 'This browser cannot use a microphone here (a secure https page is needed).',
      failed: 'The microphone could not be started.',
    },
  },
  /** Join failures said more helpfully than the plain error text. */
  joinError: {
    ERR_AUTH_FAILED: 'Wrong password. Check it with whoever shared the link.',
    ERR_ROOM_FULL: 'This room is full. Try again when someone leaves.',
    ERR_UNREACHABLE:
      'The signal server cannot be reached. Check your connection; it will keep retrying.',
  },
} as const;
