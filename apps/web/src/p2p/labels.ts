import type { P2pStepError } from './P2pCall';

/** What each refused step means, in words the page shows. */
export const P2P_ERROR_TEXT: Record<P2pStepError | 'ERR_P2P_CAMERA', string> = {
  ERR_P2P_CODE_MALFORMED: 'That code is not a Meshwork call code. Paste the whole code.',
  ERR_P2P_CODE_VERSION: 'That code comes from another version of Meshwork.',
  ERR_P2P_CODE_STALE: 'That code is too old (over 10 minutes). Ask for a new one.',
  ERR_P2P_CODE_WRONG_KIND: 'That code does not fit this step. Paste the code they sent back.',
  ERR_P2P_NEGOTIATION: 'The browser refused that code. Start again.',
  ERR_P2P_CAMERA: 'Camera or microphone unavailable: the call carries chat only.',
};
