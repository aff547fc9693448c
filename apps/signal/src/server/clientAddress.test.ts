import { describe, expect, it } from 'vitest';
import { addressKey, clientAddress, UNKNOWN_ADDRESS } from './clientAddress';

describe('addressKey', () => {
  const table: Array<[string, string]> = [
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::FFFF:127.0.0.1', '127.0.0.1'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff::1', '2001:db8:1:2::/64'],
    ['[2001:db8::1]', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['not-an-ip', 'not-an-ip'],
  ];
  for (const [ip, key] of table) {
    it(`[P18] counts ${ip} as ${key}`, () => expect(addressKey(ip)).toBe(key));
  }
});

describe('clientAddress', () => {
  const peer = '10.0.0.5';
  const forwarded = (value: string | string[]) => ({
    address: peer,
    headers: { 'x-forwarded-for': value },
  });

  it('[P18] ignores X-Forwarded-For unless the proxy is trusted', () => {
    expect(clientAddress(forwarded('198.51.100.1'), false)).toBe(peer);
  });

  it('[P18] takes the entry the trusted proxy appended, not what the client put first', () => {
    expect(clientAddress(forwarded('1.2.3.4, 198.51.100.1'), true)).toBe('198.51.100.1');
    expect(clientAddress(forwarded(['1.2.3.4', '198.51.100.2']), true)).toBe('198.51.100.2');
    expect(clientAddress(forwarded('2001:db8:5:6::1'), true)).toBe('2001:db8:5:6::/64');
  });

  it('[P18] falls back to the TCP peer when the header is missing or not an address', () => {
    expect(clientAddress({ address: peer, headers: {} }, true)).toBe(peer);
    expect(clientAddress(forwarded('unknown'), true)).toBe(peer);
    expect(clientAddress(forwarded(' , '), true)).toBe(peer);
  });

  it('[P18] counts a connection whose TCP peer is already gone under one key, without throwing', () => {
    expect(clientAddress({ address: undefined, headers: {} }, false)).toBe(UNKNOWN_ADDRESS);
    expect(clientAddress({ address: undefined, headers: {} }, true)).toBe(UNKNOWN_ADDRESS);
    expect(clientAddress(forwarded('198.51.100.1'), true)).toBe('198.51.100.1');
  });
});
