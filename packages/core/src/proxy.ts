// Which way a request leaves the process. Core sends through Node's global agents, so a request
// takes the route Node itself gives it: with `NODE_USE_ENV_PROXY=1` (Node 22.21+ and 24, Logto's
// documented outbound proxy) the global agents carry the proxy settings of the environment they
// started with, and this module reads the same settings the same way, to say in errors and in the
// cli which proxy a request went through. On Node 20, or without the variable, every route is
// direct, as it is for the global agent.
import http from 'node:http';
import https from 'node:https';

export type Route = {
  /** The proxy's URL without credentials, or undefined for a direct connection. */
  proxy?: string;
  /** The proxy's user name and password, for the redactor; never shown. */
  credentials?: string[];
  /** The environment variable the proxy came from. */
  variable?: string;
};

type ProxyEnv = Readonly<Record<string, string | undefined>>;

/** The environment the global agent took its proxy settings from (Node 22.21+), if any. */
const proxyEnvOf = (protocol: string): ProxyEnv | undefined => {
  const agent = protocol === 'https:' ? https.globalAgent : http.globalAgent;
  const options = (agent as { options?: { proxyEnv?: ProxyEnv } }).options;
  return options?.proxyEnv ?? undefined;
};

const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

const ipv4Value = (address: string): number | undefined => {
  const parts = ipv4.exec(address)?.slice(1).map(Number);
  if (!parts || parts.some((part) => part > 255)) return undefined;
  return parts.reduce((value, part) => value * 256 + part, 0);
};

/** One NO_PROXY entry against a host, with the rules Node's built-in proxy support applies. */
const bypasses = (entry: string, host: string, hostWithPort: string): boolean => {
  if (entry === '*' || entry === host || entry === hostWithPort) return true;
  if (entry.startsWith('.') && host.endsWith(entry.slice(1))) return true;
  if (entry.startsWith('*.') && host.endsWith(entry.slice(1))) return true;
  const [start, end] = entry.split('-').map((part) => ipv4Value(part.trim()));
  const value = ipv4Value(host);
  return start !== undefined && end !== undefined && value !== undefined
    ? value >= start && value <= end
    : false;
};

/** The proxy a request to `url` goes through, read from `env` as Node reads it. */
export const routeFromEnv = (env: ProxyEnv, url: URL): Route => {
  const { protocol } = url;
  if (protocol !== 'http:' && protocol !== 'https:') return {};
  // Lower case first, as Node and curl do.
  const [variable, value] =
    protocol === 'https:'
      ? env.https_proxy
        ? ['https_proxy', env.https_proxy]
        : ['HTTPS_PROXY', env.HTTPS_PROXY]
      : env.http_proxy
        ? ['http_proxy', env.http_proxy]
        : ['HTTP_PROXY', env.HTTP_PROXY];
  if (!value || !/^https?:\/\//.test(value)) return {};
  let proxy: URL;
  try {
    proxy = new URL(value);
  } catch {
    return {};
  }
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (protocol === 'https:' ? '443' : '80');
  const noProxy = env.no_proxy || env.NO_PROXY;
  const entries = noProxy ? noProxy.split(',').map((entry) => entry.trim().toLowerCase()) : [];
  if (entries.some((entry) => bypasses(entry, host, `${host}:${port}`))) return {};
  const credentials = [proxy.username, proxy.password]
    .filter(Boolean)
    .flatMap((part) => [part, decodeURIComponent(part)]);
  proxy.username = '';
  proxy.password = '';
  return { proxy: proxy.href, credentials, variable };
};

/** The route Node's global agent gives a request to `url` in this process. */
export const routeOf = (url: string | URL): Route => {
  // Without proxy settings on the agent (Node 20, or no NODE_USE_ENV_PROXY), every route is
  // direct, and the URL need not be parsed.
  const protocol =
    typeof url === 'string' ? /^https?:/i.exec(url)?.[0].toLowerCase() : url.protocol;
  if (protocol && !proxyEnvOf(protocol)) return {};
  let target: URL;
  try {
    target = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return {};
  }
  const env = proxyEnvOf(target.protocol);
  return env ? routeFromEnv(env, target) : {};
};

/** `direct` or `via proxy http://proxy:3128/ (HTTPS_PROXY)`, credentials never included. */
export const describeRoute = (route: Route): string =>
  route.proxy ? `via proxy ${route.proxy} (${route.variable ?? 'environment'})` : 'direct';
