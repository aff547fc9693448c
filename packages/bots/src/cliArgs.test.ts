import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cliArgs';

describe('parseCliArgs', () => {
  it('defaults to 4 bots in room demo on localhost:8080', () => {
    expect(parseCliArgs([])).toEqual({
      kind: 'run',
      config: {
        url: 'http://localhost:8080',
        room: 'demo',
        count: 4,
        namePrefix: 'Bot',
        topology: null,
        limitation: null,
        limitedCount: 1,
        video: { width: 160, height: 120, fps: 15 },
        audio: true,
        level: 'warn',
      },
    });
  });

  it('reads every option', () => {
    const args = parseCliArgs(
      ['--url', 'http://127.0.0.1:9000', '--room', 'r1', '--count', '32', '--name', 'Peer'].concat(
        ['--topology', 'ring', '--password', 'pw', '--width', '320', '--height', '180'],
        ['--fps', '30', '--no-audio', '--log', 'debug', '--limitation', 'cpu', '--limited', '3'],
      ),
    );
    expect(args).toEqual({
      kind: 'run',
      config: {
        url: 'http://127.0.0.1:9000',
        room: 'r1',
        count: 32,
        namePrefix: 'Peer',
        topology: 'ring',
        limitation: 'cpu',
        limitedCount: 3,
        password: 'pw',
        video: { width: 320, height: 180, fps: 30 },
        audio: false,
        level: 'debug',
      },
    });
  });

  it('asks for the help with --help or -h', () => {
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['-h', '--count', '0'])).toEqual({ kind: 'help' });
  });

  it.each([
    [['--count', '0'], '--count must be an integer 1-32'],
    [['--count', '33'], '--count must be an integer 1-32'],
    [['--count', '2.5'], '--count must be an integer 1-32'],
    [['--topology', 'tree'], '--topology must be auto, mesh, star or ring'],
    [['--log', 'trace'], '--log must be debug|info|warn|error'],
    [['--limitation', 'gpu'], '--limitation must be cpu or bandwidth'],
    [['--count', '2', '--limited', '3'], '--limited must be an integer 1-2'],
    [['--width', '4000'], '--width must be an integer 1-1920'],
    [['--height', 'x'], '--height must be an integer 1-1080'],
    [['--fps', '61'], '--fps must be an integer 1-60'],
  ])('%j fails with "%s"', (args, message) => {
    expect(parseCliArgs(args)).toEqual({ kind: 'error', message });
  });

  it('fails on an unknown option, as parseArgs words it', () => {
    const args = parseCliArgs(['--bogus']);
    expect(args.kind).toBe('error');
    expect(args.kind === 'error' && args.message).toContain('--bogus');
  });
});
