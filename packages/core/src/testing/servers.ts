import { type AddressInfo, createServer, type Socket } from 'node:net';

import {
  type FakeServer,
  runScenario,
  type Sandbox,
  type SandboxScenario,
  type ScenarioResult,
} from '../sandbox/index.js';

export type SilentServer = { url: string; port: number; close(): Promise<void> };

/**
 * A TCP server on 127.0.0.1 that accepts connections, reads whatever arrives and never answers:
 * over http the request is sent and no reply comes; over https the TLS handshake never completes.
 */
export const startSilentServer = async (): Promise<SilentServer> => {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('data', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
};

/** Starts a sandbox's fake provider, runs one scenario against it and closes the fake. */
export const runSandboxScenario = async (
  sandbox: Sandbox,
  scenario: SandboxScenario,
  createConnector: Parameters<typeof runScenario>[0]['createConnector'],
): Promise<ScenarioResult & { fake: FakeServer }> => {
  const fake = await sandbox.start();
  try {
    return { ...(await runScenario({ sandbox, fake, scenario, createConnector })), fake };
  } finally {
    await fake.close();
  }
};
