import { describe, expect, it } from 'vitest';
import { LIMITS } from './limits';
import {
  CandidateSignalSchema,
  DescriptionSignalSchema,
  IceRestartSignalSchema,
  RelayedSignalSchema,
  SignalRequestSchema,
  SignalSchema,
} from './signal';

const PEER = 'peerB-0001';

function manifest(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    mid: String(i),
    origin: PEER,
    stream: i % 2 === 0 ? 'cam' : 'screen',
    kind: i % 3 === 0 ? 'audio' : 'video',
  }));
}

const description = {
  type: 'description',
  description: { type: 'offer', sdp: 'v=0\r\n' },
  manifest: manifest(2),
} as const;

describe('SignalSchema', () => {
  it.each([
    ['an offer with its manifest', description],
    [
      'an answer with an empty manifest',
      { type: 'description', description: { type: 'answer', sdp: 'v=0\r\n' }, manifest: [] },
    ],
    [
      'a rollback',
      { type: 'description', description: { type: 'rollback', sdp: '' }, manifest: [] },
    ],
    [
      'a full candidate',
      {
        type: 'candidate',
        candidate: {
          candidate: 'candidate:1 1 udp 2122260223 192.0.2.1 54400 typ host',
          sdpMid: '0',
          sdpMLineIndex: 0,
          usernameFragment: 'abcd',
        },
      },
    ],
    [
      'a candidate with null fields',
      { type: 'candidate', candidate: { candidate: '', sdpMid: null, sdpMLineIndex: null } },
    ],
    ['the end of candidates', { type: 'candidate', candidate: null }],
    ['an ICE restart request', { type: 'ice-restart' }],
  ])('[P2] accepts %s', (_name, signal) => {
    expect(SignalSchema.safeParse(signal)).toEqual({ success: true, data: signal });
  });

  it('[P2] each union member also parses on its own', () => {
    expect(DescriptionSignalSchema.safeParse(description).success).toBe(true);
    expect(CandidateSignalSchema.safeParse({ type: 'candidate', candidate: null }).success).toBe(
      true,
    );
    expect(IceRestartSignalSchema.safeParse({ type: 'ice-restart' }).success).toBe(true);
  });

  it.each([
    ['an unknown type', { type: 'bye' }],
    ['no type', { candidate: null }],
    ['a type of the wrong case', { type: 'ICE-RESTART' }],
    ['a description without a manifest', { ...description, manifest: undefined }],
    ['an unknown description type', { ...description, description: { type: 'hello', sdp: '' } }],
    ['a candidate missing its body', { type: 'candidate' }],
    [
      'a negative m-line index',
      { type: 'candidate', candidate: { candidate: '', sdpMLineIndex: -1 } },
    ],
    ['a string', 'offer'],
    ['null', null],
  ])('[P2] rejects %s', (_name, signal) => {
    expect(SignalSchema.safeParse(signal).success).toBe(false);
  });

  it('[P7] rejects an SDP one character over the limit and accepts it at the limit', () => {
    const at = {
      ...description,
      description: { type: 'offer', sdp: 'a'.repeat(LIMITS.sdpMaxChars) },
    };
    const over = {
      ...description,
      description: { type: 'offer', sdp: 'a'.repeat(LIMITS.sdpMaxChars + 1) },
    };
    expect(SignalSchema.safeParse(at).success).toBe(true);
    expect(SignalSchema.safeParse(over).success).toBe(false);
  });

  it('[P7] rejects an oversize candidate', () => {
    const candidate = { candidate: 'a'.repeat(LIMITS.candidateMaxChars + 1) };
    expect(SignalSchema.safeParse({ type: 'candidate', candidate }).success).toBe(false);
  });

  it('[P6] [P7] a manifest holds at most the limit of entries', () => {
    const at = { ...description, manifest: manifest(LIMITS.manifestMaxEntries) };
    const over = { ...description, manifest: manifest(LIMITS.manifestMaxEntries + 1) };
    expect(SignalSchema.safeParse(at).success).toBe(true);
    expect(SignalSchema.safeParse(over).success).toBe(false);
  });

  it.each([
    ['an empty mid', { mid: '' }],
    ['an overlong mid', { mid: 'm'.repeat(33) }],
    ['an origin that is not a peer id', { origin: 'me' }],
    ['a bad stream key', { stream: 'Camera' }],
    ['a kind other than audio or video', { kind: 'data' }],
  ])('[P6] rejects a manifest entry with %s', (_name, patch) => {
    const entry = { ...manifest(1)[0], ...patch };
    expect(SignalSchema.safeParse({ ...description, manifest: [entry] }).success).toBe(false);
  });
});

describe('SignalRequestSchema', () => {
  it('[P4] [P5] names the target and the link epoch', () => {
    const req = { to: PEER, epoch: 4, signal: { type: 'ice-restart' } };
    expect(SignalRequestSchema.safeParse(req)).toEqual({ success: true, data: req });
  });

  it('[P4] drops a client-claimed sender: only the server stamps `from`', () => {
    const req = { to: PEER, from: 'someone-else', epoch: 4, signal: { type: 'ice-restart' } };
    const result = SignalRequestSchema.safeParse(req);
    expect(result.success).toBe(true);
    expect(result.data).not.toHaveProperty('from');
  });

  it.each([
    ['no epoch', { to: PEER, signal: { type: 'ice-restart' } }],
    ['a negative epoch', { to: PEER, epoch: -1, signal: { type: 'ice-restart' } }],
    ['a fractional epoch', { to: PEER, epoch: 1.5, signal: { type: 'ice-restart' } }],
    ['a bad target', { to: 'x', epoch: 1, signal: { type: 'ice-restart' } }],
    ['an unknown signal', { to: PEER, epoch: 1, signal: { type: 'hello' } }],
  ])('[P5] rejects a request with %s', (_name, req) => {
    expect(SignalRequestSchema.safeParse(req).success).toBe(false);
  });

  it('[P4] a relayed signal carries the stamped sender', () => {
    const relayed = { from: PEER, epoch: 2, signal: { type: 'candidate', candidate: null } };
    expect(RelayedSignalSchema.safeParse(relayed).success).toBe(true);
    expect(RelayedSignalSchema.safeParse({ ...relayed, from: undefined }).success).toBe(false);
  });
});
