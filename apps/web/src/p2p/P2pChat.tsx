import { useState } from 'react';
import { useT } from '../i18n/useT';
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
  const m = useT();
  return (
    <section className="p2p-chat" aria-label={m.common.chat}>
      <ul aria-label={m.p2p.chatMessages}>
        {lines.map((line) => (
          <li key={line.id} data-from={line.from}>
            <b>{line.from === 'me' ? m.p2p.you : m.p2p.them}:</b> <bdi>{line.text}</bdi>
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
          {m.common.message}
          <input value={text} maxLength={4000} onChange={(e) => setText(e.currentTarget.value)} />
        </label>
        <button type="submit">{m.common.send}</button>
      </form>
    </section>
  );
}
