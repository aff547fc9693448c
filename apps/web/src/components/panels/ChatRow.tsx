import type { ChatMessage } from '@meshwork/mesh/runtime';
import { isoTime } from '../../format/time';
import { useFormat, useT } from '../../i18n/useT';
import { Name } from '../common/Name';

/**
 * One chat message as text (never HTML): who, when, what. The time is whatever the sender's
 * clock said, so an invalid one shows as a dash instead of breaking the list.
 */
export function ChatRow({
  message,
  own,
  author,
}: {
  message: ChatMessage;
  own: boolean;
  author: string;
}) {
  const m = useT();
  const f = useFormat();
  return (
    <li className={own ? 'chat-own' : undefined}>
      <span className="chat-meta">
        <strong>{own ? m.common.you : <Name>{author}</Name>}</strong>{' '}
        <time dateTime={isoTime(message.sentAt)}>{f.time(message.sentAt)}</time>
      </span>
      <span className="chat-text">{message.text}</span>
    </li>
  );
}
