import type { Messages } from '../messages';
import { announce } from './announce';
import { auto } from './auto';
import { call } from './call';
import { common } from './common';
import { e2ee } from './e2ee';
import { errors } from './errors';
import { home } from './home';
import { hybrid } from './hybrid';
import { p2p } from './p2p';
import { panels } from './panels';
import { prejoin } from './prejoin';
import { recording } from './recording';
import { room } from './room';
import { settings } from './settings';
import { topology } from './topology';
import { watch } from './watch';

/** 简体中文目录。 */
export const zhCN: Messages = {
  common,
  home,
  prejoin,
  call,
  panels,
  settings,
  room,
  announce,
  errors,
  topology,
  p2p,
  watch,
  auto,
  hybrid,
  recording,
  e2ee,
};
