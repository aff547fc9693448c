import { describe, expect, expectTypeOf, it } from 'vitest';
import { ERROR_MESSAGES } from './errorMessages';
import { ERROR_CODES, type ErrorCode, isErrorCode } from './errors';
import type { Failure, JoinResult, Result } from './messages';

describe('error codes', () => {
  it('[P13] every code is ERR_ and upper snake case, with a sentence for people', () => {
    expect(ERROR_CODES.length).toBeGreaterThan(0);
    for (const code of ERROR_CODES) {
      expect(code).toMatch(/^ERR_[A-Z]+(?:_[A-Z]+)*$/);
      expect(ERROR_MESSAGES[code]).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('[P13] isErrorCode accepts every listed code', () => {
    for (const code of ERROR_CODES) expect(isErrorCode(code)).toBe(true);
  });

  it.each([
    'ERR_NOPE',
    'err_bad_request',
    'ERR_BAD_REQUEST ',
    '',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    null,
    undefined,
    0,
    {},
    ['ERR_BAD_REQUEST'],
  ])('[P13] isErrorCode rejects %j', (value) => {
    expect(isErrorCode(value)).toBe(false);
  });

  it('[P3] acks are a result union narrowed by `ok`', () => {
    const failure: Failure = {
      ok: false,
      error: 'ERR_ROOM_FULL',
      message: ERROR_MESSAGES.ERR_ROOM_FULL,
    };
    const ack = failure as Result<{ version: number }>;
    if (ack.ok) expectTypeOf(ack.version).toEqualTypeOf<number>();
    else expectTypeOf(ack.error).toEqualTypeOf<ErrorCode>();
    expectTypeOf<Extract<JoinResult, { ok: true }>>().toHaveProperty('resumeToken');
    expect(isErrorCode(failure.error)).toBe(true);
  });
});

describe('documentation', () => {
  it('[P13] the README lists every error code with its message', async () => {
    const { readFile } = await import('node:fs/promises');
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    for (const code of ERROR_CODES) {
      expect(readme).toMatch(
        new RegExp(
          `\\| \`${code}\` +\\| ${ERROR_MESSAGES[code].replace(/[.?*+^$()[\]{}|\\]/g, '\\$&')} +\\|`,
        ),
      );
    }
  });
});
