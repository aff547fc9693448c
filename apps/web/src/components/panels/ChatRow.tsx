import type { ChatMessage } from '@meshwork/mesh/runtime';
import { clockTime, isoTime } from '../../format/time';
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
  return (
    <li className={own ? 'chat-own' : undefined}>
      <span className="chat-meta">
        <strong>{own ? 'You' : <Name>{author}</Name>}</strong>{' '}
        <time dateTime={isoTime(message.sentAt)}>{clockTime(message.sentAt)}</time>
      </span>
      <span className="chat-text">{message.text}</span>
    </li>
  );
}
