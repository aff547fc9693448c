import {
  type EmbedCall,
  type EmbedError,
  type EmbedEventName,
  type EmbedFrameMessage,
  type EmbedParticipant,
  type EmbedState,
  parseEmbedCall,
  type Topology,
} from '@meshwork/protocol';
import { joinErrorText } from '../../components/prejoin/joinErrorText';
import type { Messages } from '../../i18n/messages';
import { pageLang } from '../../i18n/pageLang';
import type { AppStore, AppStoreApi } from '../../store/types';
import { plannedTopology } from '../../topology/auto';

/** Where the bridge sends its messages: the port the host transferred. */
export interface EmbedPort {
  postMessage(message: EmbedFrameMessage): void;
}

/** [P21] Everyone in the call as the host sees them. */
export function participantsOf(state: AppStore): EmbedParticipant[] {
  const room = state.room;
  if (!room) return [];
  return room.peers.map((p) => {
    // The person's own flags are the ones they set here, ahead of the room's echo.
    const self = p.id === room.selfId;
    return {
      id: p.id,
      displayName: p.displayName,
      audio: self ? state.local.audio : p.media.audio,
      video: self ? state.local.video : p.media.video,
      self,
    };
  });
}

/** [P21] The call's state as `getState` answers it. */
export function stateOf(state: AppStore): EmbedState {
  return {
    status: state.status,
    roomId: state.room?.roomId ?? state.roomId,
    topology: state.room ? plannedTopology(state.room.settings) : null,
    audio: state.local.audio,
    video: state.local.video,
    displayName: state.displayName,
    participants: state.room?.peers.length ?? 0,
  };
}

function failure(detail: unknown): EmbedError {
  return { code: 'ERR_EMBED_FAILED', message: String(detail).slice(0, 200) };
}

/** The frame's end of the embed channel. */
export interface EmbedBridge {
  /** Handles one message from the host; never throws. */
  receive(raw: unknown): void;
  /** Stops watching the store; idempotent. */
  close(): void;
}

/**
 * [P21] Answers the host over its port by driving the store's actions, and tells it what the
 * store sees happen. Nothing the host sends can throw out of here.
 */
export function createEmbedBridge(
  store: AppStoreApi,
  port: EmbedPort,
  messages: () => Messages = () => pageLang.getState().m,
): EmbedBridge {
  const emit = (name: EmbedEventName, data: unknown) =>
    port.postMessage({ type: 'event', name, data });
  const run = async (call: Extract<EmbedCall, { ok: true }>) => {
    const s = store.getState();
    if (call.kind === 'request') {
      const result = call.name === 'getState' ? stateOf(s) : participantsOf(s);
      port.postMessage({ type: 'response', id: call.id, ok: true, result });
      return;
    }
    switch (call.name) {
      case 'toggleAudio':
        return s.setMicrophone(!s.local.audio);
      case 'toggleVideo':
        return s.setCamera(!s.local.video);
      case 'setDisplayName':
        return s.setDisplayName(String(call.args[0]));
      case 'hangup':
        return s.leave();
      case 'setTopology': {
        await s.setTopology(call.args[0] as Topology);
        const error = store.getState().topologyRequest?.error;
        if (error) emit('error', { code: 'ERR_EMBED_FAILED', message: error });
      }
    }
  };
  const receive = (raw: unknown) => {
    const call = parseEmbedCall(raw);
    if (!call.ok) {
      if (call.id === null) emit('error', call.error);
      else port.postMessage({ type: 'response', id: call.id, ok: false, error: call.error });
      return;
    }
    run(call).catch((err: unknown) => emit('error', failure(err)));
  };

  let joined = false;
  const watch = (now: AppStore, before: AppStore) => {
    if (now.status === 'joined' && !joined) {
      joined = true;
      emit('joined', { roomId: now.room?.roomId ?? null, selfId: now.room?.selfId ?? null });
    }
    if (joined && (now.status === 'left' || now.status === 'failed')) {
      joined = false;
      emit('left', { reason: now.statusDetail?.error ?? null });
    }
    if (now.joinError && now.joinError !== before.joinError) {
      emit('error', { code: now.joinError, message: joinErrorText(now.joinError, messages()) });
    }
    // Every store change lands here (streams, chat, toasts): diff the peers only when the room moved.
    if (
      now.room &&
      before.room &&
      now.room !== before.room &&
      now.room.roomId === before.room.roomId
    ) {
      const was = new Set(before.room.peers.map((p) => p.id));
      const is = new Set(now.room.peers.map((p) => p.id));
      const self = now.room.selfId;
      for (const p of now.room.peers)
        if (!was.has(p.id) && p.id !== self)
          emit('participantJoined', { id: p.id, displayName: p.displayName });
      for (const p of before.room.peers)
        if (!is.has(p.id) && p.id !== self)
          emit('participantLeft', { id: p.id, displayName: p.displayName });
    }
    const topology = now.room?.settings.topology;
    if (topology && before.room && topology !== before.room.settings.topology) {
      emit('topologyChanged', { topology });
    }
  };
  const unsubscribe = store.subscribe(watch);
  emit('ready', stateOf(store.getState()));
  return { receive, close: unsubscribe };
}
