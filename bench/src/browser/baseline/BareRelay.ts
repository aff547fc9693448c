import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Server } from 'socket.io';

/**
 * The baseline call's server on 127.0.0.1: a bare Socket.IO relay (`io.to(m.to).emit`, no
 * schema, no rooms, no plans, the one `signal` event of the bench's bare relay) that also serves
 * the baseline page from the bench page's folder, so the page may open its socket (same origin).
 */
export class BareRelay {
  private constructor(
    readonly url: string,
    private readonly close: () => Promise<void>,
  ) {}

  static async start(webRoot: string): Promise<BareRelay> {
    const files: Record<string, { type: string; body: Buffer }> = {
      '/baseline.html': { type: 'text/html', body: readFileSync(join(webRoot, 'baseline.html')) },
      '/baseline.js': {
        type: 'text/javascript',
        body: readFileSync(join(webRoot, 'baseline.js')),
      },
    };
    const http = createServer((req, res) => {
      const file = files[req.url ?? ''];
      if (!file) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': file.type }).end(file.body);
    });
    const io = new Server(http, { serveClient: false });
    io.on('connection', (socket) => {
      socket.on('signal', (m: { to: string }) => {
        io.to(m.to).emit('signal', m);
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    return new BareRelay(
      `http://127.0.0.1:${port}`,
      () => new Promise<void>((resolve) => io.close(() => resolve())),
    );
  }

  stop(): Promise<void> {
    return this.close();
  }
}
