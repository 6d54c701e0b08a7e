import type { ClientRequest } from 'node:http';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';

import { describeRoute, routeOf } from '@switchboard/core';

/** Where requests to one origin went: `direct`, or `via proxy http://proxy:3128/ (HTTPS_PROXY)`. */
export type RouteLine = { origin: string; route: string };

export const routesOf = (urls: Iterable<string>): RouteLine[] => {
  const origins = new Set<string>();
  for (const url of urls) {
    try {
      origins.add(new URL(url).origin);
    } catch {
      // Not a URL: nothing to say about its route.
    }
  }
  return [...origins].map((origin) => ({ origin, route: describeRoute(routeOf(origin)) }));
};

const channel = 'http.client.request.start';

/**
 * Runs `call` and lists the origin of every HTTP request it started (Node's diagnostics channel
 * sees requests from any bundle in the process), with the route Node gave each.
 */
export const tracingRoutes = async <T>(
  call: () => Promise<T>,
): Promise<{ outcome: PromiseSettledResult<T>; routes: RouteLine[] }> => {
  const urls: string[] = [];
  const onStart = (message: unknown) => {
    const { request } = message as { request: ClientRequest };
    const host = request.getHeader('host');
    urls.push(`${request.protocol}//${typeof host === 'string' ? host : request.host}`);
  };
  subscribe(channel, onStart);
  try {
    const [outcome] = await Promise.allSettled([call()]);
    return { outcome: outcome!, routes: routesOf(urls) };
  } finally {
    unsubscribe(channel, onStart);
  }
};

export const formatRoutes = (routes: RouteLine[]): string =>
  routes.map(({ origin, route }) => `route: ${origin} ${route}`).join('\n');
