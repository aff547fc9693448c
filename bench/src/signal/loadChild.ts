// The load generator of the scale benchmark, in its own process so its sockets' CPU and heap
// are neither the server's nor the measuring process's. Forked with tsx; talks over IPC:
// 'grow' { url, total, concurrency } -> joins sockets into rooms of 8-16 (each answering
// `planReady`) until it holds `total`, then 'grown'; 'stop' closes every socket and exits.
import { autoReady, connectClient, joinRoom, readyForJoinPlan, type SignalClient } from './clients';
import type { LoadReply, LoadRequest } from './loadProtocol';

const sockets: SignalClient[] = [];
let room = 0;
let inRoom = 0;

function nextRoom(): string {
  if (inRoom >= 8 + (room % 9)) {
    room += 1;
    inRoom = 0;
  }
  inRoom += 1;
  return `load-${room}`;
}

async function joinOne(url: string): Promise<SignalClient> {
  const socket = await connectClient(url);
  autoReady(socket);
  const res = await joinRoom(socket, nextRoom(), `Load ${sockets.length}`);
  if (!res.ok) throw new Error(`join refused: ${res.error}`);
  readyForJoinPlan(socket, res);
  return socket;
}

function reply(message: LoadReply): void {
  process.send?.(message);
}

process.on('message', (raw) => {
  const req = raw as LoadRequest;
  if (req.type === 'grow') {
    void (async () => {
      const started = Date.now();
      try {
        while (sockets.length < req.total) {
          const batch = Math.min(req.concurrency, req.total - sockets.length);
          const joined = await Promise.all(Array.from({ length: batch }, () => joinOne(req.url)));
          sockets.push(...joined);
        }
        reply({ type: 'grown', total: sockets.length, rooms: room + 1, ms: Date.now() - started });
      } catch (err) {
        reply({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
      }
    })();
  } else if (req.type === 'stop') {
    for (const socket of sockets) socket.close();
    reply({ type: 'stopped' });
    process.exit(0);
  }
});
reply({ type: 'ready' });
