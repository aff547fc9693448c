import { initials } from '../components/call/initials';
import { buildTiles } from '../components/call/tiles';
import type { Messages } from '../i18n/messages';
import type { AppState } from '../store/types';

/** One tile as the recording draws it. */
export interface RecordedTile {
  id: string;
  /** The caption: the person's name as they gave it, with "(you)" or "'s screen". */
  caption: string;
  /** What the camera-off avatar shows. */
  initials: string;
  stream: MediaStream | null;
  /** Draw the video (else the avatar, as the page does). */
  showVideo: boolean;
  /** A shared screen is shown whole (letterboxed); a camera fills its tile. */
  contain: boolean;
  micOff: boolean;
  cameraOff: boolean;
  /** A line over the tile, such as "Reconnecting…". */
  overlay: string | null;
}

/** What one recorded frame holds: the tiles in page order, the pinned one, the sound to mix. */
export interface RecordingFrame {
  tiles: readonly RecordedTile[];
  /** Index into `tiles` of the pinned tile, or null. */
  pinned: number | null;
  /** Every live audio track to mix: each remote camera stream's and this person's microphone. */
  audio: readonly MediaStreamTrack[];
  /** The state words drawn on captions, in the page's language. */
  labels: { micOff: string; cameraOff: string };
}

/** Statuses in which the call goes on (a reconnect keeps the media flowing peer to peer). */
const IN_CALL = new Set<AppState['status']>(['joined', 'reconnecting']);

/** The state a recorded frame is made of. */
export type FrameState = Pick<
  AppState,
  'status' | 'room' | 'remoteStreams' | 'local' | 'linkStates' | 'pinned'
>;

/**
 * The frame to record now, from the same tiles the grid shows; null once the call is over (left,
 * removed, failed), which ends the recording. Words are in the language of `m`.
 */
export function recordingFrame(state: FrameState, m: Messages): RecordingFrame | null {
  const t = m.recording;
  if (!IN_CALL.has(state.status) || !state.room) return null;
  const models = buildTiles(state);
  const tiles = models.map(
    (tile): RecordedTile => ({
      id: tile.id,
      caption:
        tile.key === 'screen'
          ? t.screenOf(tile.person)
          : `${tile.person}${tile.self ? t.youSuffix : ''}`,
      initials: initials(tile.person),
      stream: tile.stream,
      showVideo: tile.stream !== null && tile.media.video && tile.connected,
      contain: tile.key === 'screen',
      micOff: tile.key === 'cam' && !tile.media.audio,
      cameraOff: tile.key === 'cam' && !tile.media.video,
      overlay: tile.connected ? null : t.reconnecting,
    }),
  );
  const pinned = tiles.findIndex((t) => t.id === state.pinned);
  const audio: MediaStreamTrack[] = [];
  for (const tile of models) {
    if (tile.key !== 'cam' || !tile.stream) continue;
    // This person's microphone is mixed only while it is on (a muted track may still be live).
    if (tile.self && !state.local.audio) continue;
    for (const track of tile.stream.getAudioTracks()) {
      if (track.readyState === 'live') audio.push(track);
    }
  }
  return {
    tiles,
    pinned: pinned >= 0 ? pinned : null,
    audio,
    labels: { micOff: t.micOff, cameraOff: t.cameraOff },
  };
}
