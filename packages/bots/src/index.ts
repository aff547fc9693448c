export { Bot, type BotOptions, DEFAULT_WAIT_TIMEOUT_MS, type OriginStats } from './Bot';
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
export { createWrtcPeerConnection } from './wrtc';
