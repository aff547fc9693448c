import { createFormat } from '../format';
import type { Area } from '../messages';

const f = createFormat('zh-CN');

/** 多个界面共用的词语。 */
export const common: Area<'common'> = {
  topology: { mesh: '全网状', star: '星形', ring: '环形' },
  reaction: {
    'thumbs-up': '点赞',
    clap: '鼓掌',
    laugh: '大笑',
    heart: '爱心',
    surprised: '惊讶',
  },
  someone: '某人',
  you: '你',
  youSuffix: '（你）',
  people: (n) => f.plural(n, { other: `${f.number(n)} 人` }),
  connecting: '正在连接…',
  reconnecting: '正在重新连接…',
  backToStart: '返回首页',
  cancel: '取消',
  send: '发送',
  message: '消息',
  chat: '聊天',
  couldNotShow: (what) => `无法显示${what}。`,
  tryAgain: '重试',
  language: '语言',
  region: {
    header: '房间标题栏',
    grid: '视频网格',
    panel: '此面板',
    controls: '通话控制栏',
    settings: '设置',
    tile: '此画面',
    messages: '消息列表',
    message: '此消息',
    files: '文件列表',
    file: '此文件',
    lobby: '等候室',
    people: '房间成员',
    person: '此成员',
    picture: '拓扑图',
    topologySettings: '拓扑设置',
    roomControls: '房间管理',
  },
};
