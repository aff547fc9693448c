import type { Messages } from './messages';

/** What an error code means to a person, in the catalogue's language; unknown codes are named. */
export function errorText(m: Messages, code: string): string {
  return Object.hasOwn(m.errors, code) && code !== 'unknown'
    ? (m.errors[code as keyof Messages['errors']] as string)
    : m.errors.unknown(code);
}
