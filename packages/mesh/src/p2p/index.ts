export {
  type DecodedCode,
  decodeCode,
  encodeCode,
  encodeSummary,
  P2P_CODE_MAX_AGE_MS,
  P2P_CODE_MAX_SKEW_MS,
  P2P_CODE_PREFIX,
  type P2pCodeError,
} from './code';
export { buildSdp, type CallSummary, type SummaryCandidate, summarise } from './sdp';
