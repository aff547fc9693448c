import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/useT';
import { useAppStore } from '../../store/StoreContext';
import { RegionBoundary } from '../common/RegionBoundary';
import { ChatRow } from './ChatRow';

/** Chat messages of the room, rendered as text (never HTML), and a box to send one. */
export function ChatPanel() {
  const chat = useAppStore((s) => s.chat);
  const names = useAppStore((s) => s.names);
  const selfId = useAppStore((s) => s.room?.selfId);
  const sendChat = useAppStore((s) => s.sendChat);
  const [text, setText] = useState('');
  const endRef = useRef<HTMLLIElement>(null);
  const m = useT();
  const t = m.panels;

  useEffect(() => {
    // Follow the conversation: the newest message stays in view.
    if (chat.length > 0) endRef.current?.scrollIntoView?.({ block: 'end' });
  }, [chat]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    void sendChat(text);
    setText('');
  };

  return (
    <div className="chat">
      <RegionBoundary what={m.common.region.messages}>
        <ol className="chat-log" aria-label={t.messages}>
          {chat.length === 0 && <li className="muted">{t.noMessages}</li>}
          {chat.map((msg) => (
            <RegionBoundary key={msg.id} what={m.common.region.message} as="li">
              <ChatRow
                message={msg}
                own={msg.origin === selfId}
                author={names.get(msg.origin) ?? m.common.someone}
              />
            </RegionBoundary>
          ))}
          <li ref={endRef} aria-hidden="true" />
        </ol>
      </RegionBoundary>
      <form className="row" onSubmit={submit}>
        <label htmlFor="chat-input" className="sr-only">
          {m.common.message}
        </label>
        <input
          id="chat-input"
          className="input"
          placeholder={t.messagePlaceholder}
          value={text}
          maxLength={2000}
          autoComplete="off"
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="btn btn-primary" disabled={!text.trim()}>
          {m.common.send}
        </button>
      </form>
    </div>
  );
}
