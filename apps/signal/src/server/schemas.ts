import { type CompiledRequestSchemas, compileRequestSchemas } from '@meshwork/protocol';

let compiled: CompiledRequestSchemas | null = null;

/** [P2] Each payload is parsed once with its schema, compiled once per process for the hot path. */
export function requestSchemas(): CompiledRequestSchemas {
  compiled ??= compileRequestSchemas();
  return compiled;
}
