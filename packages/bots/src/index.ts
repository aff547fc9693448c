export { Bot, type BotOptions } from './Bot';
export { createConsoleLogger, type LogLevel } from './consoleLogger';
export { type FrameListener, FrameReader } from './media/FrameReader';
export {
  COUNTER_MODULO,
  createI420Frame,
  decodeFrameCode,
  encodeFrameCode,
  type FrameCode,
  type I420Frame,
  STAMP_MODULO,
  stampAge,
} from './media/frameCode';
export { DEFAULT_VIDEO, SyntheticMedia, type SyntheticMediaOptions } from './media/SyntheticMedia';
export { type OriginStats, RECENT_COUNTERS } from './metering/OriginMeter';
export type { BotReport, OriginReport } from './netroom/messages';
export { type NetBot, NetRoom, type NetRoomOptions } from './netroom/NetRoom';
export {
  type FrameCounts,
  frameCounts,
  longestGaps,
  mediaBack,
  pairsAmong,
  waitMediaBack,
} from './netroom/recovery';
export { PeerConnectionCounter } from './PeerConnectionCounter';
export { DEFAULT_WAIT_TIMEOUT_MS, type WaitOptions } from './waiting/PredicateWaiters';
export { createWrtcMediaStream, createWrtcPeerConnection } from './wrtc';
