/**
 * Loopback ports for servers that must be told their port before they start (nginx's
 * configuration, a server whose own URL goes into the links it sends). The system picks a free
 * port and it is released at once, so another process, such as a test file running beside this
 * one, may bind it before the server does. `onFreePorts` starts again on new ports when that
 * happens, so such a test fails only for its own reasons.
 */
import { once } from 'node:events';
import { createServer } from 'node:net';

/**
 * `count` different loopback ports nothing listens on now: the system's picks, all held until
 * each is known (so no two are the same), released before this resolves.
 */
export async function freePorts(count: number): Promise<number[]> {
  const probes = Array.from({ length: count }, () => createServer().listen(0, '127.0.0.1'));
  await Promise.all(probes.map((probe) => once(probe, 'listening')));
  const ports = probes.map((probe) => {
    const address = probe.address();
    if (typeof address !== 'object' || !address) throw new Error('the system gave no port');
    return address.port;
  });
  await Promise.all(probes.map((probe) => once(probe.close(), 'close')));
  return ports;
}

/** A loopback port nothing listens on now (see freePorts). */
export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  return port!;
}

/** What a server says when its port was taken meanwhile: Node's code, nginx's bind() error. */
const portTaken = /EADDRINUSE|Address already in use/;

/**
 * `start` on `count` free ports; when it fails because one of them was taken in between, again on
 * new ones (three times at most). Any other failure is thrown at once.
 */
export async function onFreePorts<T>(count: number, start: (ports: number[]) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const ports = await freePorts(count);
    try {
      return await start(ports);
    } catch (error) {
      if (attempt >= 3 || !portTaken.test(String(error))) throw error;
    }
  }
}
