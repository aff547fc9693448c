import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { composeApp } from './composeApp';
import { startEmbed } from './embed/frame/startEmbed';
import { saveBlob } from './files/saveBlob';
import { pageLang } from './i18n/pageLang';
import { createBrowserMedia } from './media/browserMedia';
import { LOW_RECORDING, NORMAL_RECORDING } from './recording/quality';
import { roomPath } from './routing/route';
import { createSession, preloadSession } from './session/createSession';
import { StoreProvider } from './store/StoreContext';
import './styles/index.css';

// `?quality=low` selects small camera frames and recordings (tests, weak machines).
const quality =
  new URLSearchParams(window.location.search).get('quality') === 'low' ? 'low' : 'normal';

const { store } = composeApp({
  createSession,
  preloadSession,
  media: createBrowserMedia(quality),
  storage: window.localStorage,
  copyText: (text) => navigator.clipboard.writeText(text),
  inviteUrl: (roomId) => new URL(roomPath(roomId), window.location.origin).href,
  saveFile: (blob, name) => saveBlob(blob, name),
  // Loaded when someone first records: the room page does not carry it.
  recorder: async (source) => {
    const { startBrowserRecording } = await import('./recording/browserRecording');
    return startBrowserRecording(source, quality === 'low' ? LOW_RECORDING : NORMAL_RECORDING);
  },
});
window.addEventListener('pagehide', () => store.getState().shutdown());
// `?embed=1`: a host page drives this call over a MessageChannel ([P21]).
startEmbed(store);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
// A page in a language other than English fetches its catalogue before the first paint (a
// promise rather than a top-level await, which would split the first bundle into many chunks).
void pageLang.getState().ready.then(() =>
  createRoot(root).render(
    <StrictMode>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </StrictMode>,
  ),
);
