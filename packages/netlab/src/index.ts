// Public surface of netlab: the network, its pure command builders and names.
export { DEFAULT_SUBNET, hostAddress, parseSubnet, type Subnet, switchAddress } from './addresses';
export {
  type Command,
  lossScript,
  setLink,
  setLoss,
  setRate,
  type Tools,
} from './commands';
export {
  CHILD_STOP_MS,
  type ChildExit,
  exitOf,
  type Host,
  Network,
  type NetworkOptions,
  stopChild,
} from './Network';
export { HOST_DEVICE, networkNames, ownerOf } from './names';
export { COMMAND_TIMEOUT_MS, NetlabError, run } from './run';
export { leftovers, sweepLeftovers } from './sweep';
export { toolsFromEnv } from './tools';
