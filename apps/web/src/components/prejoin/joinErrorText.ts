import type { ErrorCode } from '@meshwork/protocol';
import { errorText } from '../../i18n/errorText';
import type { Messages } from '../../i18n/messages';

/** What to tell a person whose join failed, in the catalogue's language. */
export function joinErrorText(code: ErrorCode | 'ERR_UNREACHABLE', m: Messages): string {
  const helpful = m.prejoin.joinError;
  return Object.hasOwn(helpful, code) ? helpful[code as keyof typeof helpful] : errorText(m, code);
}
