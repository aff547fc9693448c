import { BotRoom, startSignal } from '@meshwork/bots/testing';
import { createConsoleLogger } from '@meshwork/bots';
import { it } from 'vitest';
import { HubRoom } from './service/HubRoom';

it('spike', async () => {
  const signal = await startSignal({ hubSecret: 'hub-secret-0123456789abcdef' });
  const hub = new HubRoom({ url: signal.url, roomId: 'spike', hubToken: 'hub-secret-0123456789abcdef', hostAddresses: ['127.0.0.1'], logger: createConsoleLogger('hub', 'info') });
  await hub.join();
  const room = new BotRoom(signal.url, 'spike');
  await room.add(3);
  await room.bots[0]!.session.setTopology('star');
  const t0 = Date.now();
  while (Date.now() - t0 < 16000) {
    await new Promise((r) => setTimeout(r, 2000));
    console.log(JSON.stringify(hub.stats()), room.bots.map((b) => JSON.stringify(b.allStats().map((s) => [s.origin, s.framesDecoded, s.route?.hops]))).join(' | '));
  }
  await room.close(); hub.close(); await signal.close();
}, 60000);
