import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS } from './limits';
import {
  CapacityHintsSchema,
  CountSchema,
  DisplayNameSchema,
  hasVisibleCharacter,
  PeerIdSchema,
  RoomIdSchema,
  StreamKeySchema,
  TOPOLOGIES,
  TOPOLOGY_SETTINGS,
  TopologySchema,
  TopologySettingSchema,
} from './primitives';

describe('RoomIdSchema', () => {
  it.each(['a', 'brave-otter-42', '0', 'a-b-c', 'x'.repeat(LIMITS.roomIdMaxChars)])(
    '[P11] accepts the room id %j',
    (id) => {
      expect(RoomIdSchema.safeParse(id)).toEqual({ success: true, data: id });
    },
  );

  it.each([
    '',
    'Brave-Otter',
    '-otter',
    'otter-',
    'brave--otter',
    'brave_otter',
    'brave otter',
    'café',
    '../etc',
    'a/b',
    'x'.repeat(LIMITS.roomIdMaxChars + 1),
    42,
    null,
  ])('[P11] rejects the room id %j', (id) => {
    expect(RoomIdSchema.safeParse(id).success).toBe(false);
  });
});

describe('PeerIdSchema', () => {
  it.each(['abcdefgh', 'A1_-b2C3', 'x'.repeat(32), 'kR3_9zQ-ab12cd34ef56gh78'])(
    '[P11] accepts the peer id %j',
    (id) => {
      expect(PeerIdSchema.safeParse(id).success).toBe(true);
    },
  );

  it.each(['', 'abcdefg', 'x'.repeat(33), 'abcd efgh', 'abcd|efgh', 'abcdéfgh', '<script>', 8])(
    '[P11] rejects the peer id %j',
    (id) => {
      expect(PeerIdSchema.safeParse(id).success).toBe(false);
    },
  );
});

describe('DisplayNameSchema', () => {
  it.each([
    ['Ada', 'Ada'],
    ['  Ada Lovelace \n', 'Ada Lovelace'],
    ['\u3000Zoë\u3000', 'Zoë'],
    ['Cafe\u0301', 'Caf\u00e9'],
    ['<b>bold</b>', '<b>bold</b>'],
    ['A 👩‍💻', 'A 👩‍💻'],
    ['🏳️‍🌈 👨‍👩‍👧 👩🏽‍💻', '🏳️‍🌈 👨‍👩‍👧 👩🏽‍💻'],
    ['x'.repeat(LIMITS.displayNameMaxChars), 'x'.repeat(LIMITS.displayNameMaxChars)],
    ['😀'.repeat(LIMITS.displayNameMaxChars), '😀'.repeat(LIMITS.displayNameMaxChars)],
  ])('[P11] accepts %j as %j (NFC, trimmed, text kept as text)', (input, output) => {
    expect(DisplayNameSchema.safeParse(input)).toEqual({ success: true, data: output });
  });

  it('[P11] counts the limit after NFC, so decomposed accents do not count twice', () => {
    const decomposed = 'e\u0301'.repeat(LIMITS.displayNameMaxChars);
    expect(DisplayNameSchema.safeParse(decomposed).data).toBe('\u00e9'.repeat(48));
  });

  it.each([
    ['empty', ''],
    ['only spaces', '   \t  '],
    ['too long', 'x'.repeat(LIMITS.displayNameMaxChars + 1)],
    ['too long in emoji', '😀'.repeat(LIMITS.displayNameMaxChars + 1)],
    ['NUL', 'Ada\u0000'],
    ['tab inside', 'Ada\tLovelace'],
    ['newline inside', 'Ada\nLovelace'],
    ['escape', 'Ada\u001b[31m'],
    ['DEL', 'Ada\u007f'],
    ['C1 control', 'Ada\u0085x'],
    ['right-to-left override', 'Ada\u202eecalevoL'],
    ['zero-width space', 'Ad\u200ba'],
    ['zero-width joiner between letters', 'Ad\u200da'],
    ['lone zero-width joiner after emoji', '😀\u200d'],
    ['line separator', 'Ada\u2028x'],
    ['lone surrogate', 'Ada\ud800'],
    ['private use', 'Ada\ue000'],
    ['not a string', 7],
  ])('[P11] rejects a name that is %s', (_why, input) => {
    expect(DisplayNameSchema.safeParse(input).success).toBe(false);
  });

  it('[P11] output is always NFC, trimmed and within the limit', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (input) => {
        const result = DisplayNameSchema.safeParse(input);
        if (!result.success) return;
        expect(result.data).toBe(result.data.normalize('NFC').trim());
        expect(result.data.length).toBeGreaterThan(0);
        expect([...result.data].length).toBeLessThanOrEqual(LIMITS.displayNameMaxChars);
      }),
    );
  });
});

describe('other primitives', () => {
  it('[P11] topologies are exactly mesh, star and ring', () => {
    expect(TOPOLOGIES).toEqual(['mesh', 'star', 'ring']);
    expect(TopologySchema.safeParse('auto').success).toBe(false);
  });

  it('[P28] a topology setting is a topology or auto; a limitation is cpu or bandwidth', () => {
    expect(TOPOLOGY_SETTINGS).toEqual(['auto', 'mesh', 'star', 'ring']);
    expect(TopologySettingSchema.safeParse('auto').success).toBe(true);
    expect(TopologySettingSchema.safeParse('bus').success).toBe(false);
    expect(CapacityHintsSchema.safeParse({ limitation: 'cpu' }).success).toBe(true);
    expect(CapacityHintsSchema.safeParse({ limitation: 'bandwidth' }).success).toBe(true);
    expect(CapacityHintsSchema.safeParse({ limitation: 'none' }).success).toBe(false);
    expect(CapacityHintsSchema.safeParse({ limitation: 1 }).success).toBe(false);
  });

  it.each([0, 1, Number.MAX_SAFE_INTEGER])('[P5] counts accept %d', (n) => {
    expect(CountSchema.safeParse(n).success).toBe(true);
  });

  it.each([-1, 1.5, Number.MAX_SAFE_INTEGER + 2, Number.NaN, Number.POSITIVE_INFINITY, '1'])(
    '[P5] counts reject %j',
    (n) => {
      expect(CountSchema.safeParse(n).success).toBe(false);
    },
  );

  it.each(['cam', 'screen', 'a', 'cam-2'])('[P6] accepts the stream key %j', (key) => {
    expect(StreamKeySchema.safeParse(key).success).toBe(true);
  });

  it.each(['', 'Cam', '2cam', 'cam_2', 'x'.repeat(17)])('[P6] rejects the stream key %j', (key) => {
    expect(StreamKeySchema.safeParse(key).success).toBe(false);
  });

  it('[P12] capacity hints take finite, bounded uplinks and known device classes', () => {
    expect(
      CapacityHintsSchema.safeParse({ uplinkKbps: 2500, deviceClass: 'desktop' }).success,
    ).toBe(true);
    expect(CapacityHintsSchema.safeParse({}).success).toBe(true);
    for (const bad of [
      { uplinkKbps: -1 },
      { uplinkKbps: Number.POSITIVE_INFINITY },
      { uplinkKbps: Number.NaN },
      { uplinkKbps: 10_000_001 },
      { uplinkKbps: '5' },
      { deviceClass: 'mainframe' },
    ]) {
      expect(CapacityHintsSchema.safeParse(bad).success).toBe(false);
    }
  });
});

describe('visible names', () => {
  it.each([
    ['Hangul fillers', '\u3164\u3164\u3164'],
    ['a half-width Hangul filler', '\uFFA0'],
    ['the Braille blank', '\u2800\u2800'],
    ['combining marks alone', '\u0301\u0308'],
    ['a Mongolian vowel separator', '\u180E'],
    ['fillers around a space', '\u3164 \u3164'],
  ])('[P11] refuses a name made only of %s', (_label, name) => {
    expect(DisplayNameSchema.safeParse(name).success).toBe(false);
    expect(hasVisibleCharacter(name)).toBe(false);
  });

  it.each([
    ['letters', 'Ada'],
    ['a filler beside a letter', '\u3164A'],
    ['digits', '42'],
    ['an emoji', '🦦'],
    ['punctuation', '?!'],
    ['Chinese', '李雷'],
  ])('[P11] accepts %s', (_label, name) => {
    expect(DisplayNameSchema.safeParse(name).success).toBe(true);
  });
});
