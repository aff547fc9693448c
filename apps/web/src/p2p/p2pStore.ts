import { createStore, type StoreApi } from 'zustand/vanilla';
import type { P2pCall, P2pCallState, P2pStepError } from './P2pCall';

/** Why a step of the serverless call failed; the page says it in its language. */
export type P2pErrorCode = P2pStepError | 'ERR_P2P_CAMERA';

/** One chat line of a serverless call. */
export interface P2pChatLine {
  id: number;
  from: 'me' | 'them';
  text: string;
}

/** What the serverless call page shows. */
export interface P2pState {
  callState: P2pCallState;
  /** The code to give the other person, once made. */
  yourCode: string | null;
  error: P2pErrorCode | null;
  busy: boolean;
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
  chat: readonly P2pChatLine[];
  start(): Promise<void>;
  applyTheirCode(code: string): Promise<void>;
  sendChat(text: string): void;
  setLocalStream(stream: MediaStream | null, problem: boolean): void;
}

/** Chat lines the page keeps; a peer that floods the chat only pushes old lines out. */
export const CHAT_LINES_KEPT = 500;

/** The page's store over one call; the call's events are bridged in by `bridgeP2pCall`. */
export function createP2pStore(call: P2pCall): StoreApi<P2pState> {
  let nextId = 0;
  return createStore<P2pState>()((set, get) => ({
    callState: call.state,
    yourCode: null,
    error: null,
    busy: false,
    localStream: null,
    remoteStream: null,
    chat: [],
    async start() {
      if (get().busy || call.state !== 'idle') return;
      set({ busy: true, error: null });
      try {
        set({ yourCode: await call.start() });
      } catch {
        set({ error: 'ERR_P2P_NEGOTIATION' });
      } finally {
        set({ busy: false });
      }
    },
    async applyTheirCode(code) {
      if (get().busy) return;
      set({ busy: true, error: null });
      try {
        if (call.state === 'idle') {
          const result = await call.answer(code);
          if ('error' in result) set({ error: result.error });
          else set({ yourCode: result.code });
        } else {
          const error = await call.complete(code);
          if (error) set({ error });
        }
      } catch {
        set({ error: 'ERR_P2P_NEGOTIATION' });
      } finally {
        set({ busy: false });
      }
    },
    sendChat(text) {
      const trimmed = text.trim();
      if (!trimmed || !call.sendChat(trimmed)) return;
      set({ chat: [...get().chat, { id: nextId++, from: 'me', text: trimmed }] });
    },
    setLocalStream(stream, problem) {
      set(problem ? { localStream: stream, error: 'ERR_P2P_CAMERA' } : { localStream: stream });
    },
  }));
}

/** Feeds the call's events into the store; returns the disposer. */
export function bridgeP2pCall(call: P2pCall, store: StoreApi<P2pState>): () => void {
  let nextId = 1_000_000;
  const offs = [
    call.events.on('stateChanged', (callState) => {
      // The call owns no tracks; once it is over the camera and microphone are released here.
      if (callState === 'closed')
        for (const t of store.getState().localStream?.getTracks() ?? []) t.stop();
      store.setState({ callState });
    }),
    call.events.on('remoteStreamChanged', (remoteStream) => store.setState({ remoteStream })),
    call.events.on('chatReceived', (text) =>
      store.setState({
        chat: [...store.getState().chat, { id: nextId++, from: 'them' as const, text }].slice(
          -CHAT_LINES_KEPT,
        ),
      }),
    ),
  ];
  return () => {
    for (const off of offs) off();
  };
}
