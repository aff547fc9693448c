import { connect, createServer, type Socket } from 'node:net';

/** A round-robin TCP balancer on 127.0.0.1, standing in for a deployment's load balancer. */
export interface TcpBalancer {
  port: number;
  url: string;
  /** Open client connections per backend port. */
  active(): Map<number, number>;
  close(): Promise<void>;
}

/**
 * Forwards each incoming TCP connection to the next backend port in turn, skipping one that
 * refuses (a dead node), the way a layer-4 balancer with connect retries does. Each WebSocket
 * is one connection, so WebSocket-only clients need no sticky sessions.
 */
export async function startTcpBalancer(backends: readonly number[]): Promise<TcpBalancer> {
  let next = 0;
  const active = new Map<number, number>();
  const sockets = new Set<Socket>();
  const count = (port: number, by: number) => active.set(port, (active.get(port) ?? 0) + by);

  const forward = (client: Socket, tried: number) => {
    if (tried >= backends.length || client.destroyed) {
      client.destroy();
      return;
    }
    const port = backends[next % backends.length] as number;
    next++;
    const upstream = connect(port, '127.0.0.1');
    let connected = false;
    sockets.add(upstream);
    upstream.once('close', () => sockets.delete(upstream));
    upstream.on('error', () => {
      // Refused or failed before connecting (a dead node): try the next backend.
      if (!connected) forward(client, tried + 1);
      else client.destroy();
    });
    upstream.once('connect', () => {
      connected = true;
      count(port, 1);
      upstream.once('close', () => {
        count(port, -1);
        client.destroy();
      });
      client.once('close', () => upstream.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
  };

  const server = createServer({ pauseOnConnect: true }, (client) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    client.on('error', () => {});
    forward(client, 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    active: () => new Map(active),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
