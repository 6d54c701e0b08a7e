// The fake provider: one HTTPS server on 127.0.0.1 that answers for every provider host, routed
// by the Host header to the provider module's `respond`. It runs in the parent process, so the
// measuring child has a core of its own on a 2-core machine. Keep-alive is on and long, so a
// measured call never pays a TLS handshake after warm-up.
import https from 'node:https';

/**
 * @param {{ cert: Buffer, key: Buffer, routes: Map<string, import('./providers/types.js').ProviderBench['respond']>, port?: number }} options
 */
export const startFakeServer = async ({ cert, key, routes, port = 443 }) => {
  const counts = new Map();
  const server = https.createServer({ cert, key, keepAlive: true }, (request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const host = (request.headers.host ?? '').replace(/:\d+$/, '');
      const respond = routes.get(host);
      const url = new URL(request.url ?? '/', 'https://fake.invalid');
      const answer = respond
        ? respond({
            method: request.method ?? 'GET',
            host,
            path: url.pathname,
            query: url.searchParams,
            headers: /** @type {Record<string, string>} */ (request.headers),
            body: Buffer.concat(chunks).toString('utf8'),
          })
        : { status: 421, body: `{"message":"no fake for ${host}"}` };
      const key = `${host} ${answer.status}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      const body = Buffer.from(answer.body);
      response.writeHead(answer.status, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': body.length,
        ...answer.headers,
      });
      response.end(body);
    });
  });
  let connections = 0;
  server.on('secureConnection', () => {
    connections += 1;
  });
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 121_000;
  server.requestTimeout = 0;

  const listen = (candidate) =>
    new Promise((resolve, reject) => {
      const onError = (error) => reject(error);
      server.once('error', onError);
      server.listen(candidate, '127.0.0.1', () => {
        server.off('error', onError);
        resolve(/** @type {import('node:net').AddressInfo} */ (server.address()).port);
      });
    });

  let bound;
  try {
    bound = await listen(port);
  } catch (error) {
    // Not root, or 443 taken: any free port; the child then redirects port 443 for the
    // provider hosts to it (see child/preload.js).
    if (
      !['EACCES', 'EADDRINUSE'].includes(/** @type {NodeJS.ErrnoException} */ (error).code ?? '')
    ) {
      throw error;
    }
    bound = await listen(0);
  }
  return {
    port: bound,
    counts,
    /** TLS connections accepted so far: with keep-alive, a handful per child, not one per call. */
    connections: () => connections,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
};
