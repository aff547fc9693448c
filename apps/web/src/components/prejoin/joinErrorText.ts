import { ERROR_MESSAGES, type ErrorCode } from '@meshwork/protocol';

/** What to tell a person whose join failed. */
export function joinErrorText(code: ErrorCode | 'ERR_UNREACHABLE'): string {
  switch (code) {
    case 'ERR_AUTH_FAILED':
      return 'Wrong password. Check it with whoever shared the link.';
    case 'ERR_ROOM_FULL':
      return 'This room is full. Try again when someone leaves.';
    case 'ERR_UNREACHABLE':
      return 'The signal server cannot be reached. Check your connection; it will keep retrying.';
    default:
      return ERROR_MESSAGES[code];
  }
}
