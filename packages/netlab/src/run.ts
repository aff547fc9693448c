import { spawn } from 'node:child_process';
import type { Command } from './commands';

/** Longest any one setup or fault command may take. */
export const COMMAND_TIMEOUT_MS = 10_000;

/** A command that failed: its argv, exit status and what it said on stderr. */
export class NetlabError extends Error {
  readonly code = 'ERR_NETLAB_COMMAND';
  constructor(
    readonly argv: readonly string[],
    readonly status: number | null,
    readonly stderr: string,
  ) {
    super(`${argv.join(' ')} failed (${status ?? 'killed'}): ${stderr.trim()}`);
  }
}

/** Runs one command to its end, bounded by `timeoutMs`; resolves with stdout, rejects with a NetlabError. */
export function run(command: Command, timeoutMs = COMMAND_TIMEOUT_MS): Promise<string> {
  const [file, ...args] = command.argv;
  if (file === undefined) return Promise.reject(new RangeError('Empty command'));
  return new Promise((resolve, reject) => {
    const stdin = command.input === undefined ? 'ignore' : 'pipe';
    const child = spawn(file, args, { stdio: [stdin, 'pipe', 'pipe'], timeout: timeoutMs });
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', (e) => reject(new NetlabError(command.argv, null, e.message)));
    child.on('close', (status) => {
      if (status === 0) resolve(out);
      else reject(new NetlabError(command.argv, status, err));
    });
    if (child.stdin) {
      // A command that exits before reading its input must not fail the caller with EPIPE.
      child.stdin.on('error', () => undefined);
      child.stdin.end(command.input);
    }
  });
}

/** Runs commands one after another, stopping at the first failure. */
export async function runAll(commands: readonly Command[]): Promise<void> {
  for (const c of commands) await run(c);
}
