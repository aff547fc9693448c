import type { Area } from '../messages';

/** 本地录制和录制提示。 */
export const recording: Area<'recording'> = {
  record: '录制',
  stopRecording: '停止录制',
  starting: '正在开始录制…',
  saving: '正在保存录制…',
  indicator: '录制中',
  whoRecords: (names) => `${names} 正在录制`,
  separator: '、',
  titled: (names) => `录制中：${names}`,
  youRecord: '你正在录制',
  you: '你',
  started: (name) => `${name} 开始了录制`,
  stopped: (name) => `${name} 停止了录制`,
  youStarted: '录制已开始；房间里的每个人都能看到你在录制',
  saved: (file) => `录制已保存为 ${file}`,
  unsupported: '此浏览器无法录制通话',
  failed: (reason) => `无法开始录制：${reason}`,
  tooFast: '开始录制过于频繁，请稍候',
  micOff: '麦克风已关',
  cameraOff: '摄像头已关',
  reconnecting: '正在重新连接…',
  screenOf: (name) => `${name} 的屏幕`,
  youSuffix: '（你）',
};
