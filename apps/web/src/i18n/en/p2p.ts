import type { P2pErrorCode } from '../../p2p/p2pStore';

/** The two-person call page without a server (`/p2p`). */
export const p2p = {
  title: 'Call without a server',
  start: 'Start',
  you: 'You',
  them: 'Them',
  step: {
    idle: 'Press Start, or paste the code someone sent you.',
    offered: 'Send your code, then paste the code they send back.',
    answered: 'Send your code back; the call starts when they use it.',
    connected: 'Connected, with no server in between.',
    failed: 'The connection failed. Reload the page to try again.',
    closed: 'The call ended.',
  },
  yourCode: 'Your code',
  copied: 'Copied',
  copy: 'Copy your code',
  qr: 'Your code as a QR code',
  theirCode: 'Their code',
  useTheirCode: 'Use their code',
  chatMessages: 'Chat messages',
  error: {
    ERR_P2P_CODE_MALFORMED: 'That code is not a Meshwork call code. Paste the whole code.',
    ERR_P2P_CODE_VERSION: 'That code comes from another version of Meshwork.',
    ERR_P2P_CODE_STALE: 'That code is too old (over 10 minutes). Ask for a new one.',
    ERR_P2P_CODE_WRONG_KIND: 'That code does not fit this step. Paste the code they sent back.',
    ERR_P2P_NEGOTIATION: 'The browser refused that code. Start again.',
    ERR_P2P_CAMERA: 'Camera or microphone unavailable: the call carries chat only.',
  } satisfies Record<P2pErrorCode, string>,
} as const;
