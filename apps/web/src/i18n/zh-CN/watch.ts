import type { Area } from '../messages';

/** 旁观页面（/r/:room/watch）：不加入也能看到房间的拓扑图。 */
export const watch: Area<'watch'> = {
  status: {
    connecting: '正在连接…',
    live: '实时',
    reconnecting: '正在重新连接…（显示最后已知的拓扑图）',
    unavailable: '找不到房间，或房间需要密码。正在重试…',
  },
  watching: '正在旁观',
  planVersion: '方案版本',
  noMedia: '无媒体',
  media: { audio: '麦克风', video: '摄像头', screen: '屏幕' },
  nobody: '房间里没有人。',
  people: '房间成员',
  host: '（主持人）',
  reconnecting: ' · 正在重新连接',
};
