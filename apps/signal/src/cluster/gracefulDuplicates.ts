import type { RedisClientType } from 'redis';

/** Longest a closing adapter connection waits for Redis to answer what it has pending. */
export const ADAPTER_CLOSE_WAIT_MS = 1_000;

type Closable = Pick<RedisClientType, 'isReady' | 'close' | 'destroy'>;

/**
 * The Socket.IO streams adapter makes its own connections with `duplicate()` and ends them with
 * `disconnect()`, which destroys the connection and rejects whatever it has pending (a
 * resubscribe after Redis came back, say) where nobody handles the rejection. This hands the
 * adapter a client whose duplicates close gracefully instead: once the connection is ready
 * (bounded), pending replies are awaited, then the socket goes.
 */
export function withGracefulDuplicates(client: RedisClientType): RedisClientType {
  const duplicate = client.duplicate.bind(client);
  return new Proxy(client, {
    get(target, key, receiver) {
      if (key !== 'duplicate') return Reflect.get(target, key, receiver);
      return (...args: Parameters<RedisClientType['duplicate']>) => {
        const copy = duplicate(...args) as unknown as Closable & {
          disconnect: () => Promise<void>;
        };
        copy.disconnect = () => closeGracefully(copy);
        return copy;
      };
    },
  });
}

/** Closes `client` once its pending commands are answered, or destroys it past the bound. */
export async function closeGracefully(
  client: Closable,
  waitMs = ADAPTER_CLOSE_WAIT_MS,
): Promise<void> {
  const deadline = Date.now() + waitMs;
  while (!client.isReady && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  if (client.isReady) {
    const closed = client.close().then(() => true);
    const late = new Promise<boolean>((resolve) =>
      setTimeout(() => resolve(false), Math.max(0, deadline - Date.now())).unref(),
    );
    if (await Promise.race([closed, late])) return;
  }
  try {
    client.destroy();
  } catch {
    // Already gone.
  }
}
