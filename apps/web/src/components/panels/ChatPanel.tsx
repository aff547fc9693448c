import { type FormEvent, useEffect, useRef, useState } from 'react';
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
      <RegionBoundary what="the messages">
        <ol className="chat-log" aria-label="Messages">
          {chat.length === 0 && <li className="muted">No messages yet.</li>}
          {chat.map((m) => (
            <RegionBoundary key={m.id} what="this message" as="li">
              <ChatRow
                message={m}
                own={m.origin === selfId}
                author={names.get(m.origin) ?? 'Someone'}
              />
            </RegionBoundary>
          ))}
          <li ref={endRef} aria-hidden="true" />
        </ol>
      </RegionBoundary>
      <form className="row" onSubmit={submit}>
        <label htmlFor="chat-input" className="sr-only">
          Message
        </label>
        <input
          id="chat-input"
          className="input"
          placeholder="Message everyone"
          value={text}
          maxLength={2000}
          autoComplete="off"
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="btn btn-primary" disabled={!text.trim()}>
          Send
        </button>
      </form>
    </div>
  );
}
