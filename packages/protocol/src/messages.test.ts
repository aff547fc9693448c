import { describe, expect, it } from 'vitest';
import { LIMITS } from './limits';
import {
  JoinIdentitySchemas,
  JoinRequestSchema,
  PeerTargetRequestSchema,
  PlanReadyRequestSchema,
  ReportLinksRequestSchema,
  ResumeHintsSchema,
  SetHubRequestSchema,
  SetTopologyRequestSchema,
  UpdatePeerRequestSchema,
  UpdateRoomRequestSchema,
} from './messages';
import { PeerPlanSchema } from './plan';
import { TEST_PUBLIC_KEY } from './testing/keys';
import { PROTOCOL_VERSION } from './version';

const PEER = 'peerA-0001';
const join = {
  protocolVersion: PROTOCOL_VERSION,
  roomId: 'brave-otter',
  displayName: 'Ada',
  publicKey: TEST_PUBLIC_KEY,
};

describe('JoinRequestSchema', () => {
  it('[P1] carries the protocol version as an integer', () => {
    expect(JoinRequestSchema.safeParse(join)).toEqual({ success: true, data: join });
    expect(PROTOCOL_VERSION).toBe(2);
    // Another version still parses: the server answers it with ERR_PROTOCOL_VERSION, not a
    // shape error, so an old client learns to reload.
    expect(JoinRequestSchema.safeParse({ ...join, protocolVersion: 99 }).success).toBe(true);
    for (const protocolVersion of [undefined, '1', 1.5, null]) {
      expect(JoinRequestSchema.safeParse({ ...join, protocolVersion }).success).toBe(false);
    }
  });

  it('[P2] takes every optional field when well formed', () => {
    const full = {
      ...join,
      password: 'hunter2',
      resumeToken: 'tok.en',
      resume: { planVersion: 7, planProof: 'proof', topology: 'ring', hubPreference: null },
      media: { audio: true, video: false, screen: false },
      capacity: { uplinkKbps: 3000, deviceClass: 'desktop' },
      hubToken: 'hub-secret',
    };
    expect(JoinRequestSchema.safeParse(full)).toEqual({ success: true, data: full });
  });

  it('[P2] leaves room id and name rules to JoinIdentitySchemas so each gets its own code', () => {
    const raw = { ...join, roomId: 'Not A Room', displayName: '  ' };
    expect(JoinRequestSchema.safeParse(raw).success).toBe(true);
    expect(JoinIdentitySchemas.roomId.safeParse(raw.roomId).success).toBe(false);
    expect(JoinIdentitySchemas.displayName.safeParse(raw.displayName).success).toBe(false);
    expect(JoinIdentitySchemas.displayName.safeParse(' Ada ').data).toBe('Ada');
  });

  it.each([
    ['an oversize room id', { roomId: 'a'.repeat(LIMITS.roomIdMaxChars * 4 + 1) }],
    ['an oversize name', { displayName: 'a'.repeat(LIMITS.displayNameMaxChars * 4 + 1) }],
    ['an empty password', { password: '' }],
    ['an oversize password', { password: 'p'.repeat(LIMITS.passwordMaxChars + 1) }],
    ['an oversize resume token', { resumeToken: 't'.repeat(LIMITS.resumeTokenMaxChars + 1) }],
    ['partial media flags', { media: { audio: true } }],
    ['a room id that is not a string', { roomId: ['brave-otter'] }],
  ])('[P7] [P8] rejects a join with %s', (_name, patch) => {
    expect(JoinRequestSchema.safeParse({ ...join, ...patch }).success).toBe(false);
  });
});

describe('ResumeHintsSchema', () => {
  it('[P9] carries the remembered plan version, topology and hub preference', () => {
    const hints = { planVersion: 12, topology: 'star', hubPreference: PEER };
    expect(ResumeHintsSchema.safeParse(hints)).toEqual({ success: true, data: hints });
  });

  it.each([
    { planVersion: -1, topology: 'star', hubPreference: null },
    { planVersion: 1, topology: 'bus', hubPreference: null },
    { planVersion: 1, topology: 'mesh', hubPreference: 'x' },
    { planVersion: 1, topology: 'mesh' },
  ])('[P9] rejects the hints %j', (hints) => {
    expect(ResumeHintsSchema.safeParse(hints).success).toBe(false);
  });
});

describe('room requests', () => {
  it('[P10] setTopology takes a known topology only', () => {
    expect(SetTopologyRequestSchema.safeParse({ topology: 'ring' }).success).toBe(true);
    expect(SetTopologyRequestSchema.safeParse({ topology: 'bus' }).success).toBe(false);
    // [P28] Automatic is a setting, so a request (and resume hints) may carry it.
    expect(SetTopologyRequestSchema.safeParse({ topology: 'auto' }).success).toBe(true);
    expect(
      ResumeHintsSchema.safeParse({ planVersion: 1, topology: 'auto', hubPreference: null })
        .success,
    ).toBe(true);
    expect(SetTopologyRequestSchema.safeParse({}).success).toBe(false);
  });

  it('[P10] setHub takes a peer id or null for an elected hub', () => {
    expect(SetHubRequestSchema.safeParse({ hub: PEER }).success).toBe(true);
    expect(SetHubRequestSchema.safeParse({ hub: null }).success).toBe(true);
    expect(SetHubRequestSchema.safeParse({}).success).toBe(false);
    expect(SetHubRequestSchema.safeParse({ hub: 'hub' }).success).toBe(false);
  });

  it('[P10] planReady names a plan version', () => {
    expect(PlanReadyRequestSchema.safeParse({ version: 3 }).success).toBe(true);
    for (const version of [-1, 2.5, '3', null]) {
      expect(PlanReadyRequestSchema.safeParse({ version }).success).toBe(false);
    }
  });

  it('[P2] updatePeer takes any subset of name, media flags and capacity', () => {
    for (const req of [
      {},
      { displayName: 'Grace' },
      { media: { screen: true } },
      { capacity: { deviceClass: 'mobile' } },
    ]) {
      expect(UpdatePeerRequestSchema.safeParse(req)).toEqual({ success: true, data: req });
    }
    expect(UpdatePeerRequestSchema.safeParse({ media: { screen: 'yes' } }).success).toBe(false);
    const long = 'n'.repeat(LIMITS.displayNameMaxChars * 4 + 1);
    expect(UpdatePeerRequestSchema.safeParse({ displayName: long }).success).toBe(false);
  });
});

describe('ReportLinksRequestSchema', () => {
  const report = (i: number) => ({
    peer: `peer-${String(i).padStart(4, '0')}`,
    state: 'connected',
  });

  it('[P2] takes per-neighbour states with an optional RTT', () => {
    const req = {
      links: [
        { peer: PEER, state: 'connected', rttMs: 42.5 },
        { peer: 'peerC-0003', state: 'failed' },
        { peer: 'peerD-0004', state: 'connecting', rttMs: 0 },
      ],
    };
    expect(ReportLinksRequestSchema.safeParse(req)).toEqual({ success: true, data: req });
  });

  it('[P7] takes at most the limit of reports', () => {
    const at = Array.from({ length: LIMITS.linkReportsMaxEntries }, (_, i) => report(i));
    expect(ReportLinksRequestSchema.safeParse({ links: at }).success).toBe(true);
    const over = [...at, report(LIMITS.linkReportsMaxEntries)];
    expect(ReportLinksRequestSchema.safeParse({ links: over }).success).toBe(false);
  });

  it.each([
    ['an unknown state', { state: 'closed' }],
    ['a negative RTT', { rttMs: -1 }],
    ['an RTT over ten minutes', { rttMs: 600_001 }],
    ['a NaN RTT', { rttMs: Number.NaN }],
    ['an infinite RTT', { rttMs: Number.POSITIVE_INFINITY }],
    ['a bad peer id', { peer: 'p' }],
  ])('[P2] rejects a report with %s', (_name, patch) => {
    const links = [{ peer: PEER, state: 'connected', ...patch }];
    expect(ReportLinksRequestSchema.safeParse({ links }).success).toBe(false);
  });
});

describe('PeerPlanSchema', () => {
  const plan = {
    version: 2,
    topology: 'star',
    hub: PEER,
    self: 'peerB-0002',
    order: [PEER, 'peerB-0002'],
    edges: [[PEER, 'peerB-0002']],
    links: [{ peer: PEER, epoch: 1, offerer: false, polite: true }],
    receive: [{ origin: PEER, from: PEER, path: [PEER, 'peerB-0002'] }],
    forward: [{ origin: 'peerB-0002', to: PEER, from: null }],
    proof: 'v2-proof',
  };

  it('[P5] [P10] carries the version, link epochs and roles a peer acts on', () => {
    expect(PeerPlanSchema.safeParse(plan)).toEqual({ success: true, data: plan });
  });

  it('[P5] rejects a link without an epoch or with a malformed edge', () => {
    const noEpoch = { ...plan, links: [{ peer: PEER, offerer: false, polite: true }] };
    expect(PeerPlanSchema.safeParse(noEpoch).success).toBe(false);
    expect(PeerPlanSchema.safeParse({ ...plan, edges: [[PEER]] }).success).toBe(false);
  });
});

describe('host requests', () => {
  it('[P15] updateRoom takes policy, lock and a password to set or clear', () => {
    for (const req of [
      {},
      { controlPolicy: 'host' },
      { locked: true },
      { password: 'hunter2' },
      { password: null },
    ]) {
      expect(UpdateRoomRequestSchema.safeParse(req)).toEqual({ success: true, data: req });
    }
    for (const req of [
      { controlPolicy: 'admins' },
      { locked: 'yes' },
      { password: '' },
      { password: 'x'.repeat(LIMITS.passwordMaxChars + 1) },
    ]) {
      expect(UpdateRoomRequestSchema.safeParse(req).success).toBe(false);
    }
  });

  it('[P15] removePeer and transferHost name one peer id', () => {
    expect(PeerTargetRequestSchema.safeParse({ peer: PEER }).success).toBe(true);
    expect(PeerTargetRequestSchema.safeParse({ peer: '../x' }).success).toBe(false);
    expect(PeerTargetRequestSchema.safeParse({}).success).toBe(false);
  });

  it('[P14] a join without a well-formed public key is refused', () => {
    const { publicKey: _key, ...unkeyed } = join;
    expect(JoinRequestSchema.safeParse(unkeyed).success).toBe(false);
    expect(JoinRequestSchema.safeParse({ ...join, publicKey: 'short' }).success).toBe(false);
  });

  it('[P17] a capacity hint past the uplink bound is refused', () => {
    const capacity = { uplinkKbps: LIMITS.uplinkKbpsMax + 1 };
    expect(JoinRequestSchema.safeParse({ ...join, capacity }).success).toBe(false);
  });
});
