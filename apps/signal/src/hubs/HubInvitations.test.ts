import { FakeClock } from '@meshwork/kit';
import type { HubInvite } from '@meshwork/protocol';
import { describe, expect, it } from 'vitest';
import { HubInvitations, type PostInvite } from './HubInvitations';
import { INVITE_RENEW_MS, INVITE_RETRY_MAX_MS, inviteBackoffMs } from './inviteBackoff';

const HUB = 'http://hub.internal:8090';
const SECRET = 'hub-secret-0123456789';

/** A hub that answers with the statuses given, in turn (a thrown value: unreachable). */
function scriptedHub(answers: Array<number | Error>) {
  const sent: Array<{ hub: string; invite: HubInvite; secret: string }> = [];
  const post: PostInvite = async (hub, invite, secret) => {
    sent.push({ hub, invite, secret });
    const answer = answers.shift() ?? 200;
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { sent, post };
}

/** Lets the awaited post settle. */
const settle = () => new Promise((r) => setImmediate(r));

describe('inviteBackoffMs', () => {
  it('[P24] doubles from 1 s and stops at 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 40].map(inviteBackoffMs)).toEqual([
      1_000,
      2_000,
      4_000,
      8_000,
      16_000,
      INVITE_RETRY_MAX_MS,
      INVITE_RETRY_MAX_MS,
      INVITE_RETRY_MAX_MS,
    ]);
  });
});

describe('HubInvitations', () => {
  it('[P24] invites each hub with the dial URL and the secret, and renews an accepted one', async () => {
    const clock = new FakeClock();
    const hub = scriptedHub([200, 200]);
    const invitations = new HubInvitations({
      hubUrls: [HUB],
      hubSecret: SECRET,
      clock,
      post: hub.post,
    });
    invitations.setDialUrl('https://meet.example.org');
    invitations.start();
    await settle();
    expect(hub.sent).toEqual([
      { hub: HUB, invite: { url: 'https://meet.example.org' }, secret: SECRET },
    ]);
    clock.advance(INVITE_RENEW_MS - 1);
    await settle();
    expect(hub.sent).toHaveLength(1);
    clock.advance(1);
    await settle();
    expect(hub.sent).toHaveLength(2);
    expect(invitations.failures(HUB)).toBe(0);
    invitations.close();
  });

  it('[P24] asks a hub that is down or refuses again, waiting longer each time, and logs once', async () => {
    const clock = new FakeClock();
    const hub = scriptedHub([new Error('ECONNREFUSED'), 401, 503, 200]);
    const warnings: string[] = [];
    const logger = {
      debug: () => {},
      info: () => {},
      warn: (msg: string) => warnings.push(msg),
      error: () => {},
      child: () => logger,
    };
    const invitations = new HubInvitations({
      hubUrls: [HUB],
      hubSecret: SECRET,
      clock,
      logger,
      post: hub.post,
    });
    invitations.start();
    await settle();
    expect(invitations.failures(HUB)).toBe(1);
    for (const wait of [1_000, 2_000, 4_000]) {
      clock.advance(wait - 1);
      await settle();
      const before = hub.sent.length;
      clock.advance(1);
      await settle();
      expect(hub.sent.length).toBe(before + 1);
    }
    expect(invitations.failures(HUB)).toBe(0);
    expect(warnings).toHaveLength(1);
    invitations.close();
  });

  it('[P24] sends nothing after close', async () => {
    const clock = new FakeClock();
    const hub = scriptedHub([503]);
    const invitations = new HubInvitations({
      hubUrls: [HUB],
      hubSecret: SECRET,
      clock,
      post: hub.post,
    });
    invitations.start();
    await settle();
    invitations.close();
    clock.advance(INVITE_RETRY_MAX_MS * 2);
    await settle();
    expect(hub.sent).toHaveLength(1);
  });
});
