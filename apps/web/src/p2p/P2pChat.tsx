import { useState } from 'react';
import type { P2pChatLine } from './p2pStore';

/** Chat over the call's data channel. */
export function P2pChat({
  lines,
  onSend,
}: {
  lines: readonly P2pChatLine[];
  onSend: (text: string) => void;
}) {
  const [text, setText] = useState('');
  return (
    <section className="p2p-chat" aria-label="Chat">
      <ul aria-label="Chat messages">
        {lines.map((line) => (
          <li key={line.id} data-from={line.from}>
            <b>{line.from === 'me' ? 'You' : 'Them'}:</b> <bdi>{line.text}</bdi>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSend(text);
          setText('');
        }}
      >
        <label>
          Message
          <input value={text} maxLength={4000} onChange={(e) => setText(e.currentTarget.value)} />
        </label>
        <button type="submit">Send</button>
      </form>
    </section>
  );
}
