import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConsoleLogger } from './consoleLogger';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Lines the logger writes to stderr while `fn` runs. */
function captured(fn: () => void): string[] {
  const lines: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  fn();
  vi.restoreAllMocks();
  return lines;
}

describe('createConsoleLogger', () => {
  it('writes records from its level up, one line each, with the namespace and data', () => {
    const lines = captured(() => {
      const log = createConsoleLogger('Bot 1', 'info');
      log.debug('hidden');
      log.info('joined', { room: 'demo' });
      log.error('failed');
    });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\S+ info \[Bot 1\] joined \{"room":"demo"\}\n$/);
    expect(lines[1]).toMatch(/ error \[Bot 1\] failed\n$/);
  });

  it('children add to the namespace and keep the level', () => {
    const lines = captured(() => {
      const log = createConsoleLogger('Bot 1').child('mesh').child('link');
      log.info('hidden at the default warn level');
      log.warn('slow');
    });
    expect(lines).toEqual([expect.stringMatching(/ warn \[Bot 1:mesh:link\] slow\n$/)]);
  });
});
