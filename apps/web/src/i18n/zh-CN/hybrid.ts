import { createFormat } from '../format';
import type { Area } from '../messages';

const f = createFormat('zh-CN');

/** 混合方案：设置、开销、拓扑图和画面。 */
export const hybrid: Area<'hybrid'> = {
  toggleLabel: '音频：直接发给每个人',
  toggleHint: '语音直接发送给每个人（延迟最低，占用上行少），视频仍走星形或环形。',
  toggleMeshHint: '在全网状中，音频本来就直接发给每个人。',
  toggleError: (reason) => `无法更改音频路由：${reason}`,
  audioUp: '仅音频上行',
  audioDown: '仅音频下行',
  legendAudio: '仅音频',
  linkAudioOnly: (link) => `${link}，仅音频`,
  edgeAudioOnly: '仅音频',
  routeAudioDirect: '音频直连',
  routeAudioHops: (hops) => f.plural(hops, { other: `音频 ${f.number(hops)} 跳` }),
  routeVideo: (video) => `视频${video}`,
  routeBoth: (audio, video) => `${audio}，${video}`,
};
