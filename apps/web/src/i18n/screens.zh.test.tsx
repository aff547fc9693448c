import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../App';
import { ids, peer, roomView, settings } from '../test/fakes';
import { renderWithStore } from '../test/render';
import { LANG_KEY } from './languages';
import { LATIN_ALLOWED_IN_ZH, latinRuns } from './latinRuns';
import { pageLang } from './pageLang';

/** Lazy chunks (panels, settings) load slowly on a busy machine; each wait is a bound, not a sleep. */
const SLOW = { timeout: 15_000 };

const ROOM = 'brave-otter-42';
/** What people and devices are called (and the initials of a tile without video): never translated. */
const NAMES = [
  'Me',
  'Ana',
  'Bo',
  'A',
  'M',
  ...ROOM.split('-'),
  ...'Front camera USB camera Built-in microphone'.split(/[\s-]/),
];

/** Everything a person sees or hears on the page: its text and the names of its controls. */
function heard(root: HTMLElement): string {
  const attributes = [...root.querySelectorAll('[aria-label],[title],[placeholder],[alt]')].flatMap(
    (el) => ['aria-label', 'title', 'placeholder', 'alt'].map((a) => el.getAttribute(a) ?? ''),
  );
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode())
    texts.push(node.textContent ?? '');
  return [...texts, ...attributes].join(' ');
}

function untranslated(): string[] {
  return latinRuns(heard(document.body), [...LATIN_ALLOWED_IN_ZH, ...NAMES]);
}

async function joinCall() {
  window.history.replaceState(null, '', `/r/${ROOM}`);
  window.localStorage.setItem('meshwork.displayName', 'Me');
  const made = renderWithStore(<App />);
  await userEvent.click(await screen.findByRole('button', { name: '加入' }, SLOW));
  act(() => {
    made.session().emit('statusChanged', { status: 'joined' });
    made.session().emit(
      'roomChanged',
      roomView([peer(ids.me, 'Me', 1), peer(ids.ana, 'Ana', 2)], {
        settings: settings({ topology: 'star', hubPreference: null, hostId: ids.me }),
      }),
    );
  });
  return made;
}

describe('the app in Simplified Chinese', { timeout: 60_000 }, () => {
  beforeEach(async () => {
    await pageLang.getState().setLang('zh-CN');
  });
  afterEach(() => {
    window.history.replaceState(null, '', '/');
  });

  it('shows the start page in Chinese, and sets <html lang>', () => {
    renderWithStore(<App />);
    expect(screen.getByRole('button', { name: '新建房间' })).toBeInTheDocument();
    expect(screen.getByPlaceholderText('房间名或邀请链接')).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(untranslated()).toEqual([]);
  });

  it('says a bad room name in Chinese', async () => {
    renderWithStore(<App />);
    await userEvent.click(screen.getByRole('button', { name: '进入房间' }));
    expect(screen.getByRole('alert')).toHaveTextContent('请输入由字母或数字组成的房间名。');
  });

  it('shows the pre-join screen in Chinese', async () => {
    window.history.replaceState(null, '', `/r/${ROOM}`);
    renderWithStore(<App />);
    expect(await screen.findByRole('heading', { name: `加入 ${ROOM}` }, SLOW)).toBeInTheDocument();
    expect(screen.getByLabelText('你的名字')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '静音麦克风' })).toBeInTheDocument();
    expect(untranslated()).toEqual([]);
  });

  it('shows the call, its panels and the settings in Chinese, and announces in Chinese', async () => {
    const { session } = await joinCall();
    expect(screen.getByRole('navigation', { name: '通话控制' })).toBeInTheDocument();
    expect(screen.getByText(/^拓扑：星形/)).toBeInTheDocument();
    expect(screen.getByText('· 2 人')).toBeInTheDocument();
    expect(untranslated()).toEqual([]);

    await userEvent.click(screen.getByRole('button', { name: '成员' }));
    expect(await screen.findByLabelText('房间成员', {}, SLOW)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '将 Ana 设为主持人' })).toBeInTheDocument();
    await userEvent.click(
      screen.getAllByRole('button', { name: '关闭成员列表' })[0] as HTMLElement,
    );

    await userEvent.click(screen.getByRole('button', { name: '打开聊天' }));
    expect(await screen.findByText('还没有消息。', {}, SLOW)).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: '设置' }));
    const dialog = await screen.findByRole('dialog', { name: '设置' }, SLOW);
    expect(within(dialog).getByRole('radio', { name: '全网状' })).toBeInTheDocument();
    expect(within(dialog).getByText('房间（你是主持人）')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('语言')).toHaveValue('zh-CN');
    expect(untranslated()).toEqual([]);

    act(() => {
      session().emit(
        'roomChanged',
        roomView([peer(ids.me, 'Me', 1), peer(ids.ana, 'Ana', 2), peer(ids.bo, 'Bo', 3)], {
          settings: settings({ topology: 'ring', hubPreference: null, hostId: ids.me }),
        }),
      );
    });
    const live = document.querySelector('[aria-live]') as HTMLElement;
    expect(live).toHaveTextContent('Bo 加入了');
    expect(live).toHaveTextContent('拓扑已切换为环形');
  });

  it('switches the open call to English and back from the settings, and remembers the choice', async () => {
    await joinCall();
    await userEvent.click(screen.getByRole('button', { name: '设置' }));
    const select = await screen.findByLabelText('语言', {}, SLOW);
    await userEvent.selectOptions(select, 'en');
    expect(screen.getByRole('dialog', { name: 'Settings' })).toBeInTheDocument();
    expect(screen.getByText(/^Topology: Star/)).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
    expect(window.localStorage.getItem(LANG_KEY)).toBe('en');
    await userEvent.selectOptions(screen.getByLabelText('Language'), 'zh-CN');
    expect(screen.getByRole('dialog', { name: '设置' })).toBeInTheDocument();
    expect(window.localStorage.getItem(LANG_KEY)).toBe('zh-CN');
    expect(untranslated()).toEqual([]);
  });
});
