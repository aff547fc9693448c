import type { MeshErrorCode } from './types';

/** An error thrown (or rejected) at once for misuse of the runtime, with a stable code. */
export class MeshRuntimeError extends Error {
  constructor(
    readonly code: MeshErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MeshRuntimeError';
  }
}
