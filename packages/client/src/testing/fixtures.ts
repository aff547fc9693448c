// Test support: the room, plans and join answers the session tests play. Not exported.
import type { Logger } from '@meshwork/kit';
import type { JoinOk, PeerInfo, PeerPlan, RoomSettings, RoomSnapshot } from '@meshwork/protocol';

/** This peer's id in the tests. */
export const SELF = 'self-peer-1';
/** The other peer of the room. */
export const OTHER = 'other-peer-2';

/** A well-formed public key ([P14] shape: 65 bytes, base64url); no real key behind it. */
export const PUBLIC_KEY = `B${'A'.repeat(86)}`;

/** Room settings: an open mesh room hosted by OTHER, with `overrides` on top. */
export function settings(overrides: Partial<RoomSettings> = {}): RoomSettings {
  return {
    topology: 'mesh',
    audioRouting: 'follow',
    hubPreference: null,
    hostId: OTHER,
    controlPolicy: 'everyone',
    locked: false,
    passwordProtected: false,
    lobby: false,
    ...overrides,
  };
}

/** This peer's plan of the given version: one link to OTHER. */
export function plan(version: number, topology: PeerPlan['topology'] = 'mesh'): PeerPlan {
  return {
    version,
    topology,
    hub: null,
    self: SELF,
    order: [OTHER, SELF],
    edges: [[OTHER, SELF]],
    links: [{ peer: OTHER, epoch: version, offerer: false, polite: true }],
    receive: [{ origin: OTHER, from: OTHER, path: [OTHER, SELF] }],
    forward: [{ origin: SELF, to: OTHER, from: null }],
    proof: `proof-${version}`,
  };
}

/** The room before this peer joins: OTHER alone. */
export const snapshot: RoomSnapshot = {
  roomId: 'demo',
  settings: settings(),
  maxPeers: 16,
  peers: [
    {
      id: OTHER,
      displayName: 'Other',
      joinedAt: 1,
      media: { audio: true, video: true, screen: false },
      capacity: {},
      connected: true,
      publicKey: PUBLIC_KEY,
    },
  ],
  links: [],
};

/** This peer as the room lists it, with these media flags. */
export function selfPeer(media: PeerInfo['media']): PeerInfo {
  return {
    id: SELF,
    displayName: 'Me',
    joinedAt: 2,
    media,
    capacity: {},
    connected: true,
    publicKey: PUBLIC_KEY,
  };
}

/** An accepted join of SELF into `snapshot` at plan 1. */
export function joinOk(overrides: Partial<JoinOk> = {}): { ok: true } & JoinOk {
  return {
    ok: true,
    selfId: SELF,
    resumeToken: 'token-1',
    resumed: false,
    room: snapshot,
    plan: plan(1),
    iceServers: [],
    ...overrides,
  };
}

/** What the tests join with. */
export const joinOptions = {
  roomId: 'demo',
  displayName: 'Me',
  media: { audio: true, video: true, screen: false },
};

/** One log record. */
export interface LogLine {
  level: string;
  msg: string;
  data?: Record<string, unknown>;
}

/** A logger writing into `logs`, every namespace alike. */
export function recordingLogger(logs: LogLine[]): Logger {
  const at =
    (level: string) =>
    (msg: string, data?: Record<string, unknown>): void => {
      logs.push(data === undefined ? { level, msg } : { level, msg, data });
    };
  const logger: Logger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => logger,
  };
  return logger;
}

/** A stand-in for a MediaStream with these tracks (only what the session reads). */
export function fakeStream(
  tracks: Array<{ kind: 'audio' | 'video'; enabled?: boolean; readyState?: string }>,
): MediaStream {
  const of = (kind: string) => tracks.filter((t) => t.kind === kind);
  return { getAudioTracks: () => of('audio'), getVideoTracks: () => of('video') } as never;
}
