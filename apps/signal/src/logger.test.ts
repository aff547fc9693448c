import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { pinoLogger } from './logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = { write: (line: string) => lines.push(JSON.parse(line)) };
  return { lines, root: pino({ level: 'debug', base: null, timestamp: false }, stream) };
}

describe('pinoLogger', () => {
  it('writes the message with its data, at the level asked for', () => {
    const { lines, root } = capture();
    const logger = pinoLogger(root);
    logger.info('joined', { roomId: 'r1' });
    logger.warn('no data');
    expect(lines).toEqual([
      { level: 30, roomId: 'r1', msg: 'joined' },
      { level: 40, msg: 'no data' },
    ]);
  });

  it('namespaces children, joining nested names with a colon', () => {
    const { lines, root } = capture();
    const signal = pinoLogger(root).child('signal');
    signal.debug('up');
    signal.child('http').error('failed', { status: 500 });
    expect(lines).toEqual([
      { level: 20, ns: 'signal', msg: 'up' },
      { level: 50, ns: 'signal:http', status: 500, msg: 'failed' },
    ]);
  });
});
