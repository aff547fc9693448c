import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_ROOMS, loadHubConfig } from './config';

const SECRET = 'hub-secret-0123456789';

describe('loadHubConfig', () => {
  it('[P24] reads the signal apps, limits and host addresses, with defaults', () => {
    expect(loadHubConfig({ HUB_SECRET: SECRET })).toMatchObject({
      signalUrls: ['http://127.0.0.1:8080'],
      maxRooms: DEFAULT_MAX_ROOMS,
      hostAddresses: [],
    });
    expect(
      loadHubConfig({
        HUB_SECRET: SECRET,
        SIGNAL_URLS: 'https://a.example.org, https://b.example.org',
        HUB_MAX_ROOMS: '3',
        HUB_HOST_ADDRESSES: '127.0.0.1',
      }),
    ).toMatchObject({
      signalUrls: ['https://a.example.org', 'https://b.example.org'],
      maxRooms: 3,
      hostAddresses: ['127.0.0.1'],
    });
  });

  it('[P32] shaping is on unless HUB_SHAPING=off', () => {
    expect(loadHubConfig({ HUB_SECRET: SECRET }).shaping).toBe(true);
    expect(loadHubConfig({ HUB_SECRET: SECRET, HUB_SHAPING: 'on' }).shaping).toBe(true);
    expect(loadHubConfig({ HUB_SECRET: SECRET, HUB_SHAPING: 'OFF' }).shaping).toBe(false);
  });

  it('[P24] SIGNAL_URLS=none waits for invitations from signal apps', () => {
    expect(loadHubConfig({ HUB_SECRET: SECRET, SIGNAL_URLS: 'none' }).signalUrls).toEqual([]);
  });

  it.each([
    [{}, 'HUB_SECRET'],
    [{ HUB_SECRET: 'short' }, 'HUB_SECRET'],
    [{ HUB_SECRET: SECRET, SIGNAL_URLS: 'ftp://x' }, 'SIGNAL_URLS'],
    [{ HUB_SECRET: SECRET, HUB_MAX_ROOMS: '0' }, 'HUB_MAX_ROOMS'],
    [{ HUB_SECRET: SECRET, HUB_MAX_STREAMS: 'many' }, 'HUB_MAX_STREAMS'],
    [{ HUB_SECRET: SECRET, HUB_SHAPING: 'yes' }, 'HUB_SHAPING'],
  ])('[P24] stops at start naming the bad variable (%j)', (env, variable) => {
    expect(() => loadHubConfig(env)).toThrow(`ERR_CONFIG: ${variable}`);
  });
});
