// Test support for suites in other packages (the media hub's): real signal app, rooms of bots.
export { expectedHops, type HopsFn } from './hops';
export { BotRoom, JOIN_TIMEOUT_MS, SETTLE_TIMEOUT_MS } from './room';
export { startSignal, type TestSignal } from './signal';
