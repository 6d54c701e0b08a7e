// The fake provider every connector of a run talks to: one HTTPS server for all their hosts, with
// a certificate the children trust (tls.js, fake-server.js).
import path from 'node:path';

import { log, workDirectory } from './context.js';
import { startFakeServer } from './fake-server.js';
import { createCertificates } from './tls.js';

/** Starts the fake for the hosts of `served`; `{}` when nothing is served. */
export const startFakeProvider = async (served) => {
  const hosts = [...new Set(served.flatMap(({ bench }) => bench.hosts))];
  const certificates =
    served.length > 0 ? createCertificates(path.join(workDirectory, 'tls'), hosts) : undefined;
  const routes = new Map(
    served.flatMap(({ bench }) => bench.hosts.map((host) => [host, bench.respond])),
  );
  const server = certificates
    ? await startFakeServer({ cert: certificates.cert, key: certificates.key, routes })
    : undefined;
  if (server) {
    log(
      `fake provider on https://127.0.0.1:${server.port} for ${hosts.join(', ')}` +
        (server.port === 443 ? '' : ' (443 unavailable: the child redirects port 443 there)'),
    );
  }
  return { server, certificates };
};

/** Stops the fake; returns what it served (undefined when it never ran). */
export const stopFakeProvider = async ({ server }) => {
  if (!server) return undefined;
  const fakeTraffic = {
    requests: [...server.counts.values()].reduce((sum, count) => sum + count, 0),
    connections: server.connections(),
  };
  log(
    `fake provider: ${fakeTraffic.requests} requests over ${fakeTraffic.connections} TLS connections`,
  );
  for (const [key, count] of server.counts) {
    if (!/ 2\d\d$/.test(key)) log(`fake provider answered ${key} ${count} times`);
  }
  await server.close();
  return fakeTraffic;
};
