export { backgroundClock, type Clock, systemClock, type TimerHandle } from './clock';
export { Emitter, type Listener } from './Emitter';
export { FakeClock } from './FakeClock';
export { KeyedLock } from './KeyedLock';
export { type LogData, type Logger, noopLogger } from './logger';
export { SerialQueue } from './SerialQueue';
export { Timers } from './Timers';
export { UNTIL_TIMEOUT_MS, type UntilOptions, until } from './until';
export { withDeadline } from './withDeadline';
