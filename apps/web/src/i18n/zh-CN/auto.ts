import { createFormat } from '../format';
import type { Area } from '../messages';

const f = createFormat('zh-CN');

/** 自动拓扑：设置、说明和原因。 */
export const auto: Area<'auto'> = {
  label: '自动',
  short: { mesh: '网状', star: '星形' },
  separator: '，',
  hint: '由服务器选择：房间人少且每个人都跟得上时用全网状，人多或有人受限时改为星形。',
  wouldPick: (topology) => `当前：${topology}`,
  people: (n) => f.plural(n, { other: `${f.number(n)} 人` }),
  cpu: (name) => `${name} 的 CPU 受限`,
  bandwidth: (name) => `${name} 的带宽受限`,
  uplink: (name) => `${name} 的上行带宽受限`,
  holding: '即将切换',
  serverHub: '经由媒体服务器',
  summary: (topology, parts) => `${topology}：${parts}`,
  status: (summary) => `自动 · ${summary}`,
  changed: (topology) => `拓扑已切换为${topology}（自动）`,
};
