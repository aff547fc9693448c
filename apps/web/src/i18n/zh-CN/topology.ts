import { createFormat } from '../format';
import type { Area } from '../messages';

const f = createFormat('zh-CN');

/** 拓扑图：说明、连接提示和图例。 */
export const topology: Area<'topology'> = {
  waitingPlan: '正在等待房间的连接方案…',
  picture: (topology, n) => f.plural(n, { other: `${f.number(n)} 个节点的${topology}拓扑` }),
  rtt: (ms) => `往返时延 ${ms}`,
  rttUnknown: '往返时延未知',
  linkFailed: (a, b) => `${a} – ${b}：失败，无法连接`,
  link: (a, b, state, rtt) => `${a} – ${b}：${state}，${rtt}`,
  reencodes: (name, of) => `${name} 正在重新编码 ${of} 的视频`,
  hubMark: '（中心）',
  state: { connected: '已连接', connecting: '连接中', disconnected: '已断开', failed: '失败' },
  relay: '中继（重新编码）',
};
