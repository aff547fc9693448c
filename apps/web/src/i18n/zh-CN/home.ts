import type { Area } from '../messages';

/** 首页。 */
export const home: Area<'home'> = {
  tagline: '浏览器之间直接相连的视频通话，可用全网状、星形或环形拓扑。',
  start: '新建房间',
  or: '或',
  roomName: '房间名',
  roomPlaceholder: '房间名或邀请链接',
  open: '进入房间',
  badName: '请输入由字母或数字组成的房间名。',
  noServer: '只有两个人，完全不需要服务器？',
  p2pLink: '无服务器通话',
};
