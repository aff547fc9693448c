import type { Area } from '../messages';

/** 加入前：预览、名字、密码、设备，以及设备或加入失败的原因。 */
export const prejoin: Area<'prejoin'> = {
  preview: '你的摄像头预览',
  startingCamera: '正在启动摄像头…',
  cameraOff: '摄像头已关闭',
  join: '加入',
  joining: '正在加入…',
  yourName: '你的名字',
  password: '房间密码',
  camera: '摄像头',
  microphone: '麦克风',
  unnamed: { videoinput: (n) => `摄像头 ${n}`, audioinput: (n) => `麦克风 ${n}` },
  muteMic: '静音麦克风',
  unmuteMic: '取消麦克风静音',
  cameraOffAction: '关闭摄像头',
  cameraOnAction: '开启摄像头',
  problem: {
    camera: {
      denied: '摄像头权限被拒绝。你仍可以不用摄像头加入，或在浏览器的网站设置中允许后刷新页面。',
      'not-found': '未找到摄像头。你可以不用摄像头加入。',
      'in-use': '摄像头正被其他应用占用，或无法启动。',
      unsupported: '此浏览器在这里无法使用摄像头（需要安全的 https 页面）。',
      failed: '摄像头无法启动。',
    },
    microphone: {
      denied: '麦克风权限被拒绝。你仍可以不用麦克风加入，或在浏览器的网站设置中允许后刷新页面。',
      'not-found': '未找到麦克风。你可以不用麦克风加入。',
      'in-use': '麦克风正被其他应用占用，或无法启动。',
      unsupported: '此浏览器在这里无法使用麦克风（需要安全的 https 页面）。',
      failed: '麦克风无法启动。',
    },
  },
  joinError: {
    ERR_AUTH_FAILED: '密码错误。请向分享链接的人核对。',
    ERR_ROOM_FULL: '房间已满。请等有人离开后再试。',
    ERR_UNREACHABLE: '无法连接信令服务器。请检查网络连接，系统会自动重试。',
  },
};
