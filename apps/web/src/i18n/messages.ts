import type { en } from './en';

/** A catalogue value with its literal strings widened: the same keys and message signatures. */
type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : { readonly [K in keyof T]: Widen<T[K]> };

/**
 * What every language's catalogue holds: the English catalogue's keys, nested the same way,
 * with messages that take the same parameters. A language missing a key fails typecheck.
 */
export type Messages = Widen<typeof en>;

/** One area of the catalogue (`call`, `settings`, ...), as a language file types its part. */
export type Area<K extends keyof Messages> = Messages[K];
