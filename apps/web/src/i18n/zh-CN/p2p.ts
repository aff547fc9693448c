import type { Area } from '../messages';

/** 无服务器的双人通话页面（/p2p）。 */
export const p2p: Area<'p2p'> = {
  title: '无服务器通话',
  start: '开始',
  you: '你',
  them: '对方',
  step: {
    idle: '点击“开始”，或粘贴别人发给你的代码。',
    offered: '把你的代码发给对方，再粘贴对方发回的代码。',
    answered: '把你的代码发回给对方；对方使用后通话即开始。',
    connected: '已连接，中间没有任何服务器。',
    failed: '连接失败。请刷新页面重试。',
    closed: '通话已结束。',
  },
  yourCode: '你的代码',
  copied: '已复制',
  copy: '复制你的代码',
  qr: '你的代码（二维码）',
  theirCode: '对方的代码',
  useTheirCode: '使用对方的代码',
  chatMessages: '聊天消息',
  error: {
    ERR_P2P_CODE_MALFORMED: '这不是 Meshwork 通话代码。请粘贴完整的代码。',
    ERR_P2P_CODE_VERSION: '这个代码来自另一个版本的 Meshwork。',
    ERR_P2P_CODE_STALE: '这个代码已过期（超过 10 分钟）。请向对方要一个新的。',
    ERR_P2P_CODE_WRONG_KIND: '这个代码不适用于当前步骤。请粘贴对方发回的代码。',
    ERR_P2P_NEGOTIATION: '浏览器拒绝了这个代码。请重新开始。',
    ERR_P2P_CAMERA: '摄像头或麦克风不可用：本次通话只能聊天。',
  },
};
