/**
 * A TCP proxy in front of the emulator that can go dark, in one of two ways. `reset`: it keeps
 * listening and resets every connection as it arrives (the client sees ECONNRESET, as when a load
 * balancer drops it), counting them, so a test measures how hard Pulse knocks. `refuse`: it stops
 * listening (the client sees ECONNREFUSED, as when the host is there but nothing serves); the
 * attempts are then counted by the client's own records. Existing connections are cut either way.
 */
import net from 'node:net';

export interface TcpProxy {
  readonly url: string;
  /** Connections attempted while down. */
  readonly refused: () => number;
  /** Connections accepted while up. */
  readonly accepted: () => number;
  down(mode?: 'reset' | 'refuse'): Promise<void>;
  up(): Promise<void>;
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
    async down(mode = 'reset') {
      isDown = true;
      for (const socket of open) socket.resetAndDestroy();
      open.clear();
      if (mode === 'refuse') await new Promise((resolve) => server.close(resolve));
    },
    async up() {
      isDown = false;
      if (!server.listening) await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
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
