import type {
  ChatMessage,
  FileProgress,
  LinkStatus,
  ReceivedFile,
  StreamRoute,
} from '@meshwork/mesh/runtime';
import type { ErrorCode, PeerId, PeerPlan, StreamKey, Topology } from '@meshwork/protocol';
import type { DeviceOption, DeviceProblem } from '../media/types';
import type { RoomView, SessionStatus, SessionStatusChange } from '../session/types';

/** A remote stream with the route it arrives by; one per (origin, key). */
export interface RemoteStream {
  origin: PeerId;
  key: StreamKey;
  stream: MediaStream;
  route: StreamRoute;
}

/** A file moving through the room, as the files panel shows it. */
export interface FileEntry extends FileProgress {
  /** Set once the whole file arrived and its SHA-256 matched. */
  received?: Pick<ReceivedFile, 'mimeType' | 'sha256' | 'data'>;
}

/** One sentence for the screen-reader live region (and the visible toast). */
export interface Announcement {
  id: number;
  text: string;
}

/** Which side panel is open. */
export type Panel = 'chat' | 'participants' | 'files' | null;

/** The person's own media, before and during the call. */
export interface LocalMedia {
  /** Camera and microphone tracks that are live, composed into one stream (`cam`). */
  stream: MediaStream | null;
  screen: MediaStream | null;
  /** Whether the person wants each on. */
  audio: boolean;
  video: boolean;
  problems: { audio: DeviceProblem | null; video: DeviceProblem | null };
  devices: readonly DeviceOption[];
  audioDeviceId: string | null;
  videoDeviceId: string | null;
  /** True while a capture request is pending. */
  acquiring: boolean;
}

/** The app's whole state: session facts fed by the bridge, local media and UI choices. */
export interface AppState {
  status: SessionStatus;
  statusDetail: SessionStatusChange | null;
  room: RoomView | null;
  plan: PeerPlan | null;
  remoteStreams: ReadonlyMap<string, RemoteStream>;
  linkStates: ReadonlyMap<PeerId, LinkStatus>;
  chat: readonly ChatMessage[];
  files: ReadonlyMap<string, FileEntry>;
  announcements: readonly Announcement[];
  /** Names of peers seen in this room, kept after they leave for announcements and chat. */
  names: ReadonlyMap<PeerId, string>;

  displayName: string;
  roomId: string | null;
  joinError: ErrorCode | 'ERR_UNREACHABLE' | null;
  needsPassword: boolean;
  joining: boolean;
  local: LocalMedia;

  pinned: string | null;
  activeSpeaker: PeerId | null;
  panel: Panel;
  settingsOpen: boolean;
  unreadChat: number;
  /** The last topology change this person asked for and its outcome. */
  topologyRequest: { topology: Topology; pending: boolean; error: string | null } | null;
}
