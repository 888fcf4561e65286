/**
 * A TCP proxy in front of the emulator that can go dark: while down, every connection is reset
 * as it arrives (the client sees ECONNRESET, as when a load balancer refuses it) and counted, so a
 * test measures how hard Pulse knocks during an outage. Existing connections are cut when it goes
 * down.
 */
import net from 'node:net';

export interface TcpProxy {
  readonly url: string;
  /** Connections attempted while down. */
  readonly refused: () => number;
  /** Connections accepted while up. */
  readonly accepted: () => number;
  down(): void;
  up(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let isDown = false;
  let refused = 0;
  let accepted = 0;
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (isDown) {
      refused += 1;
      client.resetAndDestroy();
      return;
    }
    accepted += 1;
    const upstream = net.connect(target.port, target.host);
    open.add(client);
    open.add(upstream);
    const end = (): void => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    refused: () => refused,
    accepted: () => accepted,
    down() {
      isDown = true;
      for (const socket of open) socket.resetAndDestroy();
      open.clear();
    },
    up() {
      isDown = false;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => {
          resolve();
        });
      }),
  };
}
