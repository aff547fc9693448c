import { useState } from 'react';
import { useT } from '../i18n/useT';
import { createBrowserMedia } from '../media/browserMedia';
import { P2pChat } from './P2pChat';
import { P2pVideo } from './P2pVideo';
import { TheirCode } from './TheirCode';
import { useP2p, useP2pCallStore } from './useP2pStore';
import { YourCode } from './YourCode';
import './p2p.css';

/** "Call without a server": two people swap codes by hand, then talk over a direct connection. */
export default function P2pPage() {
  const [media] = useState(() =>
    createBrowserMedia(
      new URLSearchParams(window.location.search).get('quality') === 'low' ? 'low' : 'normal',
    ),
  );
  const store = useP2pCallStore(media);
  const s = useP2p(store, (state) => state);
  const t = useT().p2p;
  return (
    <main className="p2p-page">
      <h1>{t.title}</h1>
      <p role="status">{t.step[s.callState]}</p>
      {s.error && <p role="alert">{t.error[s.error]}</p>}
      {s.callState === 'idle' && !s.yourCode && (
        <button type="button" disabled={s.busy} onClick={() => void s.start()}>
          {t.start}
        </button>
      )}
      {s.yourCode && s.callState !== 'connected' && <YourCode code={s.yourCode} />}
      {s.callState !== 'connected' && s.callState !== 'answered' && (
        <TheirCode busy={s.busy} onUse={(code) => void s.applyTheirCode(code)} />
      )}
      <div className="p2p-videos">
        {s.localStream && <P2pVideo stream={s.localStream} label={t.you} muted />}
        {s.remoteStream && <P2pVideo stream={s.remoteStream} label={t.them} muted={false} />}
      </div>
      {s.callState === 'connected' && <P2pChat lines={s.chat} onSend={s.sendChat} />}
    </main>
  );
}
