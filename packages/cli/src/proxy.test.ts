// Logto's documented outbound proxy (`NODE_USE_ENV_PROXY=1` with `HTTPS_PROXY`/`HTTP_PROXY`/
// `NO_PROXY`, Node 22.21+), end to end: each built connector runs inside the built cli in a child
// process started with those variables, as a Logto server would be. A CONNECT proxy on 127.0.0.1
// records what it is asked for and tunnels to a TLS server that answers for the providers' real
// host names (trusted through NODE_EXTRA_CA_CERTS) and hands each request to that connector's
// sandbox fake. On a Node without built-in proxy support the same variables must change nothing,
// as for Node's own global agent.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { FakeServer, Sandbox } from '@switchboard/core/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import alipaySandbox from '../../connector-alipay-native/sandbox/index.js';
import aliyunSandbox from '../../connector-aliyun-sms/sandbox/index.js';
import mailgunSandbox from '../../connector-mailgun/sandbox/index.js';
import smsaeroSandbox from '../../connector-smsaero/sandbox/index.js';
import twilioSandbox from '../../connector-twilio-sms/sandbox/index.js';
import { providerCert, providerKey } from './__fixtures__/provider-tls.js';

const cli = path.resolve(import.meta.dirname, '../lib/cli.js');
const folder = mkdtempSync(path.join(tmpdir(), 'switchboard-proxy-'));
const caFile = path.join(folder, 'provider-ca.pem');
writeFileSync(caFile, providerCert);

const proxyUser = 'ops';
const proxyPassword = 'Pr0xy-p@ss:w0rd';
const proxyAuthorization = `Basic ${Buffer.from(`${proxyUser}:${proxyPassword}`).toString('base64')}`;

type Subject = {
  connector: string;
  sandbox: Sandbox;
  /** The host and port a CONNECT must name: the provider's documented default host. */
  tunnel: string;
  /** The cli command, with the recipient or sign-in step. */
  command: (fake: FakeServer, configFile: string) => Promise<string[]>;
};

/** Runs the built cli with `env` on this process's Node binary; resolves with its output. */
const runCli = async (args: string[], env: Record<string, string>) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(
        ([name]) => !/^(https?_proxy|no_proxy|node_use_env_proxy|node_options)$/i.test(name),
      ),
    );
    const child = spawn(process.execPath, [cli, ...args], {
      env: { ...inherited, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });

/** Alipay: the cli signs the authorization request, the fake's consent page issues a code. */
const alipayCode = async (fake: FakeServer, configFile: string) => {
  const { stdout } = await runCli(
    ['authorize', 'alipay-native', '--config', configFile, '--json'],
    {},
  );
  const uri = (JSON.parse(stdout) as { result: string }).result;
  const consent = await fetch(`${fake.url}/app/authorize?${new URL(uri).searchParams}`);
  return ((await consent.json()) as { auth_code: string }).auth_code;
};

const subjects: Subject[] = [
  {
    connector: 'twilio-sms',
    sandbox: twilioSandbox,
    tunnel: 'api.twilio.com:443',
    command: async (_fake, config) => [
      'send',
      'twilio-sms',
      '--config',
      config,
      '--to',
      '+14155550123',
    ],
  },
  {
    connector: 'aliyun-sms',
    sandbox: aliyunSandbox,
    tunnel: 'dysmsapi.aliyuncs.com:443',
    command: async (_fake, config) => [
      'send',
      'aliyun-sms',
      '--config',
      config,
      '--to',
      '13800138000',
    ],
  },
  {
    connector: 'smsaero',
    sandbox: smsaeroSandbox,
    tunnel: 'gate.smsaero.ru:443',
    command: async (_fake, config) => [
      'send',
      'smsaero',
      '--config',
      config,
      '--to',
      '79990000000',
    ],
  },
  {
    connector: 'mailgun',
    sandbox: mailgunSandbox,
    tunnel: 'api.mailgun.net:443',
    command: async (_fake, config) => [
      'send',
      'mailgun',
      '--config',
      config,
      '--to',
      'jane@example.com',
    ],
  },
  {
    connector: 'alipay-native',
    sandbox: alipaySandbox,
    tunnel: 'openapi.alipay.com:443',
    command: async (fake, config) => [
      'user-info',
      'alipay-native',
      '--config',
      config,
      '--auth-code',
      await alipayCode(fake, config),
    ],
  },
];

/** The sandbox config, pointed at the provider's real default host instead of the fake. */
const providerConfig = (subject: Subject, fake: FakeServer) => {
  const {
    endpoint: _endpoint,
    gates: _gates,
    gateway: _gateway,
    ...config
  } = subject.sandbox.config(fake.url);
  const file = path.join(folder, `${subject.connector}.json`);
  writeFileSync(file, JSON.stringify(config));
  return file;
};

type Tunnel = { target: string; authorization?: string };
type ProxyMode = 'tunnel' | 'require-auth' | 'silent';

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};

const fakes = new Map<string, FakeServer>();
let providerPort: number;
let proxyPort: number;
let proxyMode: ProxyMode = 'tunnel';
const tunnels: Tunnel[] = [];
const plainRequests: string[] = [];
const sockets = new Set<Socket>();
const servers: Server[] = [];

beforeAll(async () => {
  if (!existsSync(cli)) throw new Error('the cli is not built: run pnpm build first');
  for (const subject of subjects) {
    fakes.set(subject.tunnel.replace(/:443$/, ''), await subject.sandbox.start());
  }

  // "The provider": TLS for the real host names, each request handed to that provider's fake.
  const provider = createHttpsServer(
    { key: providerKey, cert: providerCert },
    (incoming, outgoing) => {
      const fake = fakes.get(String(incoming.headers.host).replace(/:443$/, ''));
      if (!fake) return outgoing.writeHead(421).end();
      const forward = httpRequest(
        `${fake.url}${incoming.url ?? '/'}`,
        { method: incoming.method, headers: incoming.headers },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      incoming.pipe(forward);
    },
  );
  servers.push(provider);
  providerPort = await listen(provider);

  // The proxy: CONNECT for https, absolute-form requests for plain http.
  const proxy = createHttpServer((incoming, outgoing) => {
    plainRequests.push(`${incoming.method} ${incoming.url}`);
    outgoing.writeHead(407, { 'proxy-authenticate': 'Basic realm="corp"' }).end();
  });
  proxy.on('connect', (incoming, client: Socket) => {
    const authorization = incoming.headers['proxy-authorization'];
    tunnels.push({ target: incoming.url ?? '', ...(authorization ? { authorization } : {}) });
    sockets.add(client);
    if (proxyMode === 'silent') return; // takes the CONNECT and never answers
    if (proxyMode === 'require-auth') {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\n\r\n');
      return;
    }
    const upstream = connect(providerPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  servers.push(proxy);
  proxyPort = await listen(proxy);
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  await Promise.all([...fakes.values()].map(async (fake) => fake.close()));
});

const proxyEnv = (overrides: Record<string, string> = {}) => ({
  NODE_USE_ENV_PROXY: '1',
  HTTPS_PROXY: `http://${proxyUser}:${encodeURIComponent(proxyPassword)}@127.0.0.1:${proxyPort}`,
  NODE_EXTRA_CA_CERTS: caFile,
  ...overrides,
});

/** Whether this Node's global agent takes the proxy from the environment (22.21+, 24.5+). */
const supportsEnvProxy = await (async () => {
  const child = spawn(
    process.execPath,
    ['-e', 'process.stdout.write(String(Boolean(require("https").globalAgent.options.proxyEnv)))'],
    { env: { NODE_USE_ENV_PROXY: '1', HTTPS_PROXY: 'http://127.0.0.1:9' } },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  await new Promise((resolve) => child.on('close', resolve));
  return out === 'true';
})();

if (process.env.SWITCHBOARD_REQUIRE_ENV_PROXY && !supportsEnvProxy) {
  throw new Error(`${process.version} has no built-in proxy support, but this run requires it`);
}

const secretForms = [
  proxyPassword,
  encodeURIComponent(proxyPassword),
  proxyAuthorization.slice('Basic '.length),
];

const expectNoProxySecret = (text: string) => {
  for (const form of secretForms) expect(text).not.toContain(form);
};

describe.runIf(supportsEnvProxy)(`through Logto's outbound proxy on ${process.version}`, () => {
  it.each(subjects)(
    '$connector reaches its provider through the proxy and says so',
    async (subject) => {
      proxyMode = 'tunnel';
      const fake = fakes.get(subject.tunnel.replace(/:443$/, ''))!;
      const config = providerConfig(subject, fake);
      const args = await subject.command(fake, config);
      const seenBefore = fake.observations.length;
      tunnels.length = 0;

      const { status, stdout, stderr } = await runCli([...args, '--json'], proxyEnv());

      expect(stderr).not.toMatch(/ENOTFOUND|EAI_AGAIN/);
      expect(status, stdout + stderr).toBe(0);
      const printed = JSON.parse(stdout) as { ok: boolean; routes: unknown };
      expect(printed.ok).toBe(true);
      expect(printed.routes).toEqual([
        {
          origin: `https://${subject.tunnel.replace(/:443$/, '')}`,
          route: `via proxy http://127.0.0.1:${proxyPort}/ (HTTPS_PROXY)`,
        },
      ]);
      // Every call of the send or sign-in went through one CONNECT to the provider's host, with
      // the proxy's credentials; the fake behind it accepted the request.
      expect(tunnels.length).toBeGreaterThan(0);
      for (const tunnel of tunnels) {
        expect(tunnel).toEqual({ target: subject.tunnel, authorization: proxyAuthorization });
      }
      expect(fake.observations.slice(seenBefore).some(({ accepted }) => accepted)).toBe(true);
      expectNoProxySecret(stdout + stderr);
    },
  );

  it('prints the route, credentials masked, for a send on the terminal', async () => {
    proxyMode = 'tunnel';
    const subject = subjects[0]!;
    const fake = fakes.get('api.twilio.com')!;
    const config = providerConfig(subject, fake);
    const { status, stdout, stderr } = await runCli(
      await subject.command(fake, config),
      proxyEnv(),
    );
    expect(status, stderr).toBe(0);
    expect(stdout).toContain(
      `route: https://api.twilio.com via proxy http://127.0.0.1:${proxyPort}/ (HTTPS_PROXY)`,
    );
    expectNoProxySecret(stdout + stderr);
  });

  it('a proxy that wants other credentials is named in the error, its password never', async () => {
    proxyMode = 'require-auth';
    const subject = subjects[0]!;
    const fake = fakes.get('api.twilio.com')!;
    const seenBefore = fake.observations.length;
    const config = providerConfig(subject, fake);
    const { status, stdout, stderr } = await runCli(
      [...(await subject.command(fake, config)), '--json'],
      proxyEnv(),
    );
    expect(status).toBe(1);
    const { error } = JSON.parse(stdout) as { error: { code: string; data: { message: string } } };
    expect(error.code).toBe('general');
    expect(error.data.message).toBe(
      `the proxy http://127.0.0.1:${proxyPort}/ refused the connection to twilio with HTTP 407: the proxy asks for credentials; check the user and password in HTTPS_PROXY`,
    );
    expect(fake.observations.length).toBe(seenBefore);
    expectNoProxySecret(stdout + stderr);
  });

  it('a proxy that never answers the CONNECT runs into the connector’s timeout', async () => {
    proxyMode = 'silent';
    const subject = subjects[0]!;
    const fake = fakes.get('api.twilio.com')!;
    const file = path.join(folder, 'twilio-timeout.json');
    const { endpoint: _endpoint, ...config } = subject.sandbox.config(fake.url);
    writeFileSync(file, JSON.stringify({ ...config, timeout: 600 }));
    const { status, stdout } = await runCli(
      [...(await subject.command(fake, file)), '--json'],
      proxyEnv(),
    );
    expect(status).toBe(1);
    const { error } = JSON.parse(stdout) as { error: { code: string; data: { message: string } } };
    expect(error.code).toBe('general');
    expect(error.data.message).toMatch(
      new RegExp(
        `^could not connect to twilio through the proxy http://127\\.0\\.0\\.1:${proxyPort}/ within \\d+ ms$`,
      ),
    );
    expectNoProxySecret(stdout);
  });

  it('a proxy that cannot be reached is named in the error', async () => {
    const subject = subjects[0]!;
    const fake = fakes.get('api.twilio.com')!;
    const config = providerConfig(subject, fake);
    const closed = createHttpServer();
    const closedPort = await listen(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { status, stdout } = await runCli([...(await subject.command(fake, config)), '--json'], {
      ...proxyEnv(),
      HTTPS_PROXY: `http://${proxyUser}:${encodeURIComponent(proxyPassword)}@127.0.0.1:${closedPort}`,
    });
    expect(status).toBe(1);
    const { error } = JSON.parse(stdout) as { error: { data: { message: string } } };
    expect(error.data.message).toBe(
      `could not reach the proxy http://127.0.0.1:${closedPort}/ (ECONNREFUSED); check HTTPS_PROXY`,
    );
    expectNoProxySecret(stdout);
  });

  it('NO_PROXY sends a plain-http endpoint straight to it; without it the proxy answers', async () => {
    const subject = subjects[0]!;
    const fake = fakes.get('api.twilio.com')!;
    const config = path.join(folder, 'twilio-endpoint.json');
    writeFileSync(config, JSON.stringify(subject.sandbox.config(fake.url)));
    const args = [...(await subject.command(fake, config)), '--json'];
    const env = proxyEnv({
      HTTP_PROXY: `http://${proxyUser}:${encodeURIComponent(proxyPassword)}@127.0.0.1:${proxyPort}`,
    });
    plainRequests.length = 0;

    const bypassed = await runCli(args, { ...env, NO_PROXY: 'localhost,127.0.0.1' });
    expect(bypassed.status, bypassed.stdout).toBe(0);
    expect((JSON.parse(bypassed.stdout) as { routes: unknown }).routes).toEqual([
      { origin: fake.url, route: 'direct' },
    ]);
    expect(plainRequests).toEqual([]);

    const proxied = await runCli(args, env);
    expect(proxied.status).toBe(1);
    expect(plainRequests).toHaveLength(1);
    expect(plainRequests[0]).toMatch(new RegExp(`^POST ${fake.url}/2010-04-01/Accounts/`));
    const { error } = JSON.parse(proxied.stdout) as { error: { data: { message: string } } };
    expect(error.data.message).toContain(`the proxy http://127.0.0.1:${proxyPort}/ refused`);
    expectNoProxySecret(proxied.stdout);
  });
});

describe.skipIf(supportsEnvProxy)(`without built-in proxy support (${process.version})`, () => {
  it('the proxy variables change nothing, as for Node’s global agent', async () => {
    const subject = subjects[0]!;
    const fake = fakes.get('api.twilio.com')!;
    const config = path.join(folder, 'twilio-direct.json');
    writeFileSync(config, JSON.stringify(subject.sandbox.config(fake.url)));
    tunnels.length = 0;
    plainRequests.length = 0;
    const { status, stdout } = await runCli(
      [...(await subject.command(fake, config)), '--json'],
      proxyEnv({ HTTP_PROXY: `http://127.0.0.1:${proxyPort}` }),
    );
    expect(status, stdout).toBe(0);
    expect((JSON.parse(stdout) as { routes: unknown }).routes).toEqual([
      { origin: fake.url, route: 'direct' },
    ]);
    expect(tunnels).toEqual([]);
    expect(plainRequests).toEqual([]);
  });
});
