// Loaded with `node --import` before anything else in a measuring child. The provider hosts
// (BENCH_FAKE_HOSTS) resolve to 127.0.0.1, where the fake provider listens; any other name that
// is not loopback fails with ENOTFOUND, so nothing can leave the machine. Both connectors keep
// their default https://<provider host> URLs and take the same DNS + TLS path; the fake's
// certificate is trusted through NODE_EXTRA_CA_CERTS, set by the parent.
import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import tls from 'node:tls';

const hosts = new Set((process.env.BENCH_FAKE_HOSTS ?? '').split(',').filter(Boolean));
const fakePort = Number(process.env.BENCH_FAKE_PORT ?? 443);
const loopback = new Set(['localhost', '127.0.0.1', '::1']);
const originalLookup = dns.lookup;

/** dns.lookup with the same three call shapes Node's own has. */
function benchLookup(hostname, options, callback) {
  const done = typeof options === 'function' ? options : callback;
  const settings =
    typeof options === 'number'
      ? { family: options }
      : typeof options === 'object' && options
        ? options
        : {};
  if (hosts.has(hostname)) {
    process.nextTick(() =>
      settings.all ? done(null, [{ address: '127.0.0.1', family: 4 }]) : done(null, '127.0.0.1', 4),
    );
    return {};
  }
  if (loopback.has(hostname)) return originalLookup.call(dns, hostname, options, callback);
  const error = Object.assign(
    new Error(`getaddrinfo ENOTFOUND ${hostname} (bench: only fake hosts)`),
    {
      code: 'ENOTFOUND',
      hostname,
    },
  );
  process.nextTick(() => done(error));
  return {};
}
dns.lookup = benchLookup;

// Only when the fake could not bind port 443: send the provider hosts' port 443 to its port.
if (fakePort !== 443) {
  const originalConnect = tls.connect;
  tls.connect = function connect(...args) {
    const [first] = args;
    if (first && typeof first === 'object') {
      const host = first.servername || first.host;
      if (hosts.has(host) && Number(first.port ?? 443) === 443) {
        args[0] = { ...first, port: fakePort };
      }
    }
    return originalConnect.apply(this, args);
  };
}

// Named ESM imports of node:dns / node:tls see the patched functions too.
syncBuiltinESMExports();
