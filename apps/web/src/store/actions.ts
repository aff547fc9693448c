import type { LinkStats } from '@meshwork/mesh/runtime';
import type { PeerId, Topology } from '@meshwork/protocol';
import type { LevelMeter } from '../media/types';
import type { SessionEvents } from '../session/types';
import type { Panel } from './types';

/** Session events the UI shows; the others are between the session and the signal app. */
export type FedEvent = Exclude<
  keyof SessionEvents,
  'signalProduced' | 'planReady' | 'linksReported'
>;

/** What the bridge feeds in: one action per session event, each a plain state update. */
export type SessionFeed = { [E in FedEvent]: (payload: SessionEvents[E]) => void };

/** What components can ask for. */
export interface AppActions {
  feed: SessionFeed;
  setDisplayName(name: string): void;
  startPreview(): Promise<void>;
  stopLocalMedia(): void;
  refreshDevices(): Promise<void>;
  /** Keeps the device list current as devices come and go; returns a disposer. */
  watchDevices(): () => void;
  setMicrophone(on: boolean): Promise<void>;
  setCamera(on: boolean): Promise<void>;
  chooseDevice(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void>;
  toggleScreenShare(): Promise<void>;
  join(roomId: string, password?: string): Promise<void>;
  leave(): Promise<void>;
  setTopology(topology: Topology): Promise<void>;
  setHub(hub: PeerId | null): Promise<void>;
  sendChat(text: string): void;
  sendFile(file: Blob & { name: string }): Promise<void>;
  pin(tileId: string | null): void;
  setActiveSpeaker(peer: PeerId | null): void;
  togglePanel(panel: Exclude<Panel, null>): void;
  closePanel(): void;
  setSettingsOpen(open: boolean): void;
  announce(text: string): void;
  dismissAnnouncement(id: number): void;
  copyInvite(): Promise<boolean>;
  /** Link numbers, read transiently by hooks; never stored. */
  getStats(): Promise<LinkStats[]>;
  createLevelMeter(): LevelMeter;
  /** The page is going away: leave the room and release the devices. */
  shutdown(): void;
}
