/**
 * The test helpers' free ports: different ports, free when given; a server whose port was taken
 * in between is started again on new ones, and any other failure is not retried.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePorts, onFreePorts } from '../helpers/ports.ts';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => once(server.close(), 'close')));
});

/** Listen on `port` at 127.0.0.1, as a server told its port would. */
async function listenOn(port: number): Promise<Server> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return server;
}

describe('free ports', () => {
  it('are different, and each can be listened on', async () => {
    const ports = await freePorts(3);
    expect(new Set(ports).size).toBe(3);
    for (const port of ports) await listenOn(port);
  });

  it('start again on new ports when one was taken before the server bound it', async () => {
    const tried: number[][] = [];
    const server = await onFreePorts(1, async (ports) => {
      tried.push(ports);
      // The first time, another process takes the port first: the server gets Node's EADDRINUSE.
      if (tried.length === 1) await listenOn(ports[0]!);
      return listenOn(ports[0]!);
    });
    expect(tried).toHaveLength(2);
    expect(tried[1]).not.toEqual(tried[0]);
    expect(server.address()).toMatchObject({ port: tried[1]![0] });
  });

  it('throw any other failure at once, and a taken port the third time', async () => {
    let calls = 0;
    await expect(
      onFreePorts(1, () => {
        calls++;
        return Promise.reject(new Error('the server did not start: bad configuration'));
      }),
    ).rejects.toThrow('bad configuration');
    expect(calls).toBe(1);

    calls = 0;
    await expect(
      onFreePorts(2, () => {
        calls++;
        return Promise.reject(new Error('nginx: bind() to 127.0.0.1:1 failed (98: Address already in use)'));
      }),
    ).rejects.toThrow('Address already in use');
    expect(calls).toBe(3);
  });
});
