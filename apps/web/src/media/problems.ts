import type { DeviceProblem } from './types';

/** Maps a getUserMedia rejection to a problem the UI can explain. */
export function problemFromError(error: unknown): DeviceProblem {
  const name = error instanceof Error || isNamed(error) ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return 'denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
    case 'DevicesNotFoundError':
      return 'not-found';
    case 'NotReadableError':
    case 'AbortError':
    case 'TrackStartError':
      return 'in-use';
    case 'TypeError':
      return 'unsupported';
    default:
      return 'failed';
  }
}

function isNamed(value: unknown): value is { name: string } {
  return (
    typeof value === 'object' && value !== null && typeof Reflect.get(value, 'name') === 'string'
  );
}

/** The sentence shown for a device problem. */
export function problemMessage(kind: 'camera' | 'microphone', problem: DeviceProblem): string {
  switch (problem) {
    case 'denied':
      return `Permission to use the ${kind} was denied. You can still join without it, or allow it in the browser's site settings and reload.`;
    case 'not-found':
      return `No ${kind} was found. You can join without one.`;
    case 'in-use':
      return `The ${kind} is in use by another application or could not start.`;
    case 'unsupported':
      return `This browser cannot use a ${kind} here (a secure https page is needed).`;
    case 'failed':
      return `The ${kind} could not be started.`;
  }
}
