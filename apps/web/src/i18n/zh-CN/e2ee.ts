import type { Area } from '../messages';

/** 端到端加密，以及谁能看到你的媒体。 */
export const e2ee: Area<'e2ee'> = {
  shieldEncrypted: '端到端加密',
  shieldEncryptedHint: '只有通话中的人能看到和听到：服务器转发的是它无法读取的媒体。',
  shieldRelayed: '已加密，但不是端到端',
  shieldRelayedHint: (names) => `${names} 在浏览器中中继视频，因此会解码它。`,
  shieldPending: '正在启用加密',
  shieldPendingHint: '端到端加密已开启；此页面尚未加密媒体。',
  shieldUnsupported: '此浏览器无法对媒体进行端到端加密。',
  exposureTitle: '谁能看到你的媒体',
  decodedBy: (names) => `解码你视频的人：${names}`,
  nobodyDecodes: '只有与你通话的人会解码你的视频。',
  forwardedBy: (names) => `只转发不解码：${names}`,
  relaySuffix: '中继',
  hubSuffix: '媒体服务器',
  withRole: (name, role) => `${name}（${role}）`,
  cannotDecryptFrom: (names) => `无法解密来自以下人员的媒体：${names}`,
  cannotDecrypt: (who) => `无法解密来自 ${who} 的媒体`,
  badKey: (who) => `来自 ${who} 的加密密钥未通过验证，已丢弃`,
  settingLabel: '端到端加密',
  settingHint: '由主持人为所有人开启：每个人用只有通话中的人持有的密钥加密自己的音频和视频。',
  settingHostOnly: '只有主持人可以更改。',
  confirmTitle: '要结束端到端加密吗？',
  confirmBody: (topology, names) =>
    `在${topology}中，${names} 会在浏览器中中继并解码视频。媒体在每条连接上仍然加密，但不再是端到端。`,
  confirmSwitch: '仍然切换',
  confirmCancel: '保持端到端加密',
  regionExposure: '谁能看到你的媒体',
  regionSetting: '加密设置',
};
