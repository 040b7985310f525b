import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An address where nothing listens: a port the OS just handed out and that was closed again. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
  return `http://127.0.0.1:${port}`;
}
