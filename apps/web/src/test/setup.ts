import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { pageLang } from '../i18n/pageLang';

afterEach(async () => {
  cleanup();
  // Each test starts in English; a test that switches language switches back here.
  await pageLang.getState().setLang('en');
  window.localStorage.clear();
});

// jsdom has no media playback; the app only needs play() to resolve.
Object.defineProperty(HTMLMediaElement.prototype, 'play', {
  configurable: true,
  value: () => Promise.resolve(),
});
