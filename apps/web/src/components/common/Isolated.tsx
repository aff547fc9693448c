import { Fragment } from 'react';
import { isolatedParts } from '../../format/bidi';
import { Name } from './Name';

/**
 * Text built with `isolate()` (announcements, route labels), rendered with each isolated part
 * as a `<bdi>`: the same bidi isolation, and the text reads without the marker characters.
 */
export function Isolated({ text }: { text: string }) {
  return (
    <>
      {isolatedParts(text).map((part, i) => (
        // Parts never reorder: the index is their identity.
        // biome-ignore lint/suspicious/noArrayIndexKey: parts of one fixed string
        <Fragment key={i}>{part.isolated ? <Name>{part.text}</Name> : part.text}</Fragment>
      ))}
    </>
  );
}
