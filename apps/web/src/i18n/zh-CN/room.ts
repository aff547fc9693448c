import type { Area } from '../messages';

/** 房间的其他界面（已离开、被移出、在等候室等待）和连接状态横幅。 */
export const room: Area<'room'> = {
  left: '你已离开房间',
  rejoin: '重新加入',
  removed: '主持人已将你移出房间。',
  waitingTitle: '正在等待主持人允许你进入',
  waitingText: (room) => `你已申请加入 ${room}。此房间设有等候室：主持人允许后你就会进入。`,
  unreachable: '无法连接信令服务器。',
  lost: '与服务器的连接已断开。',
  unreachableTitle: '信令服务器无法访问。',
  retryingIn: (when) => `${when}重试`,
  retryingNow: '正在重试',
  attempt: (n) => `（第 ${n} 次尝试）`,
  keepsGoing: '。已在进行的通话会继续点对点进行。',
  retryNow: '立即重试',
};
