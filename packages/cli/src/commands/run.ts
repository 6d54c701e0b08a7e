import { randomInt, randomUUID } from 'node:crypto';

import { captureRequests, formatChannels, formatRequest, maskRequest } from '../dry-run.js';
import { describeValue, exitCodes, paint, printJson, spinner, useColor } from '../output.js';
import type { ConnectorPackage } from '../resolve.js';
import { formatRoutes, type RouteLine, routesOf, tracingRoutes } from '../route.js';
import { formatRouteEvents, keepingRouteEvents, type RouteEvents } from '../sms-route.js';
import { checkConfig } from './check.js';
import { asConnectorError, build, readConfig, secretsOf, UsageError } from './common.js';

export type Flags = {
  config?: string;
  to?: string;
  type?: string;
  locale?: string;
  code?: string;
  state?: string;
  'redirect-uri'?: string;
  'auth-code'?: string;
  'dry-run'?: boolean;
  probe?: boolean;
  json?: boolean;
};

/** The provider's wait hint (`retryAfter`, seconds), as a line of its own. */
const waitText = (data: unknown) => {
  const seconds = (data as { retryAfter?: unknown } | undefined)?.retryAfter;
  return typeof seconds === 'number'
    ? `\nthe provider asks to wait ${seconds} s before trying again`
    : '';
};

/** Prints a connector's failure as a real call does, and returns its exit code. */
const reportFailure = (
  flags: Flags,
  label: string,
  reason: unknown,
  routes: RouteLine[],
  extra: Record<string, unknown> = {},
  smsRoute: RouteEvents = [],
): number => {
  const color = paint(useColor());
  const connectorError = asConnectorError(reason);
  if (!connectorError) throw reason;
  const routeText = routes.length > 0 ? `\n${color.dim(formatRoutes(routes))}` : '';
  const smsRouteText = smsRoute.length > 0 ? `\n${formatRouteEvents(smsRoute)}` : '';
  if (flags.json)
    printJson({
      ok: false,
      ...extra,
      error: { code: connectorError.code, data: connectorError.data },
      ...(smsRoute.length > 0 ? { smsRoute } : {}),
      routes,
    });
  else
    console.error(
      `${color.red('✖')} ${label} failed: ${connectorError.code}\n${describeValue(connectorError.data)}${waitText(connectorError.data)}${smsRouteText}${routeText}`,
    );
  return connectorError.code === 'invalid_config' ? exitCodes.invalidConfig : exitCodes.failed;
};

/**
 * With --dry-run: captures what the call would send and prints it masked. A call refused before
 * any request (a destination the config refuses, an invalid number, a bad config) fails exactly
 * as for real: its code and message, a non-zero exit, `"ok": false`. An error after the first
 * request is the dry run's own stop (every request is answered locally, nothing is sent).
 */
const dryRun = async (
  flags: Flags,
  secrets: string[],
  label: string,
  connectorCall: () => Promise<unknown>,
): Promise<number> => {
  const color = paint(useColor());
  const { events, call } = keepingRouteEvents(connectorCall);
  const { requests, channels, error } = await captureRequests(call);
  // The route the SMS router chose; the first provider's answer is the dry run's own stop.
  const chosen = events.filter((event) => event.event === 'route');
  if (requests.length === 0 && error !== undefined) {
    return reportFailure(
      flags,
      `${label} (dry run: refused before sending)`,
      error,
      [],
      { dryRun: true, requests: [] },
      chosen,
    );
  }
  const masked = requests.map((request) => maskRequest(request, secrets));
  const routes = routesOf(requests.map((request) => request.url));
  if (flags.json) {
    printJson({
      ok: true,
      dryRun: true,
      ...(channels.length > 0 ? { channels: channels.map(({ channel }) => channel) } : {}),
      ...(chosen.length > 0 ? { smsRoute: chosen } : {}),
      requests: masked,
      routes,
    });
  } else if (masked.length === 0) {
    console.log('Dry run: the connector made no HTTP request.');
  } else {
    console.log(
      color.dim(
        'Dry run: nothing was sent. The request that would go out, with secrets, signatures, tokens and codes masked:\n',
      ),
    );
    if (channels.length > 0) console.log(`${formatChannels(channels)}\n`);
    if (chosen.length > 0) console.log(`${formatRouteEvents(chosen)}\n`);
    console.log(masked.map((request) => formatRequest(request)).join('\n\n'));
    console.log(`\n${formatRoutes(routes)}`);
    console.log(
      color.dim(
        '\nA flow of several calls stops after the first: the next depends on the provider’s answer.',
      ),
    );
  }
  return exitCodes.ok;
};

/** Runs the connector call, or with --dry-run captures what it would send. Prints and returns the exit code. */
const perform = async (
  flags: Flags,
  secrets: string[],
  label: string,
  connectorCall: () => Promise<unknown>,
): Promise<number> => {
  if (flags['dry-run']) return dryRun(flags, secrets, label, connectorCall);
  const color = paint(useColor());
  const { events, call } = keepingRouteEvents(connectorCall);
  const progress = spinner(label);
  const { outcome, routes } = await tracingRoutes(call);
  progress.stop();
  const routeText = routes.length > 0 ? `\n${color.dim(formatRoutes(routes))}` : '';
  const smsRouteText = events.length > 0 ? `\n${formatRouteEvents(events)}` : '';
  if (outcome.status === 'fulfilled') {
    if (flags.json)
      printJson({
        ok: true,
        result: outcome.value,
        ...(events.length > 0 ? { smsRoute: events } : {}),
        routes,
      });
    else
      console.log(
        `${color.green('✔')} ${label}: done\n${describeValue(outcome.value)}${smsRouteText}${routeText}`,
      );
    return exitCodes.ok;
  }
  return reportFailure(flags, label, outcome.reason, routes, {}, events);
};

export const send = async (pkg: ConnectorPackage, flags: Flags) => {
  if (!flags.to) throw new UsageError('--to <phone|email> is required');
  const to = flags.to;
  const config = readConfig(flags.config);
  const connector = await build(pkg, config);
  if (!connector.sendMessage) {
    throw new UsageError(
      `${pkg.name} is a ${connector.type} connector: use authorize or user-info`,
    );
  }
  const payload = {
    code: flags.code ?? String(randomInt(0, 1_000_000)).padStart(6, '0'),
    ...(flags.locale ? { locale: flags.locale } : {}),
  };
  const sendMessage = connector.sendMessage;
  return perform(
    flags,
    secretsOf(connector, config),
    `send ${flags.type ?? 'Generic'} to ${to} with ${pkg.name}`,
    () =>
      // The config is passed as the Console's Test button passes it.
      sendMessage({ to: to.replace(/^\+/, ''), type: flags.type ?? 'Generic', payload }, config),
  );
};

export const authorize = async (pkg: ConnectorPackage, flags: Flags) => {
  const config = readConfig(flags.config);
  const connector = await build(pkg, config);
  if (!connector.getAuthorizationUri) throw new UsageError(`${pkg.name} is not a social connector`);
  const getAuthorizationUri = connector.getAuthorizationUri;
  return perform(flags, secretsOf(connector, config), `authorization URI from ${pkg.name}`, () =>
    getAuthorizationUri(
      {
        state: flags.state ?? randomUUID(),
        redirectUri: flags['redirect-uri'] ?? 'http://localhost:3001/callback',
        connectorId: 'cli',
        connectorFactoryId: connector.metadata.id,
        jti: randomUUID(),
        headers: {},
      },
      async () => undefined,
    ),
  );
};

export const userInfo = async (pkg: ConnectorPackage, flags: Flags) => {
  const authCode = flags['auth-code'];
  if (!authCode) throw new UsageError('--auth-code <code> is required');
  const config = readConfig(flags.config);
  const connector = await build(pkg, config);
  if (!connector.getUserInfo) throw new UsageError(`${pkg.name} is not a social connector`);
  const getUserInfo = connector.getUserInfo;
  // The code is as good as the user's token to whoever reads it first: a secret like the config's.
  const secrets = [...secretsOf(connector, config), authCode];
  return perform(flags, secrets, `sign-in with ${pkg.name}`, () =>
    getUserInfo(
      { auth_code: authCode, ...(flags.state ? { state: flags.state } : {}) },
      async () => ({}),
    ),
  );
};

export const check = async (pkg: ConnectorPackage, flags: Flags) => {
  const color = paint(useColor());
  const { problems, unknown, config, connector } = await checkConfig(pkg, flags.config);
  const warnings = problems.length === 0 ? ((await pkg.loadAdvice())?.config(config) ?? []) : [];
  let probe: string | undefined;
  let probeError: { code: string; data: unknown } | undefined;
  let routes: RouteLine[] = [];
  if (flags.probe && problems.length === 0) {
    const run = await pkg.loadProbe();
    if (run && flags['dry-run']) {
      // The probe request, built as for real and printed with secrets masked; nothing is sent.
      return perform(flags, secretsOf(connector, config), `probe ${pkg.name}`, async () =>
        run(config),
      );
    }
    if (run) {
      const progress = spinner(`probing ${pkg.name}`);
      const traced = await tracingRoutes(async () => run(config));
      progress.stop();
      routes = traced.routes;
      if (traced.outcome.status === 'fulfilled') probe = traced.outcome.value;
      else {
        probeError = asConnectorError(traced.outcome.reason);
        if (!probeError) throw traced.outcome.reason;
      }
    } else {
      probe =
        'no free read-only call exists for this provider; use send --dry-run to inspect a request';
    }
  }
  const ok = problems.length === 0 && !probeError;
  if (flags.json) {
    printJson({
      ok,
      connector: connector.metadata.id,
      problems,
      warnings,
      unknownFields: unknown,
      probe,
      probeError,
      ...(routes.length > 0 ? { routes } : {}),
    });
  } else {
    for (const { field, problem, expected } of problems) {
      console.log(
        `${color.red('✖')} ${color.bold(field)}: ${problem}${expected ? color.dim(` (${expected})`) : ''}`,
      );
    }
    for (const key of unknown)
      console.log(
        `${color.yellow('!')} ${color.bold(key)}: not a field of this connector; it is ignored`,
      );
    if (problems.length === 0)
      console.log(`${color.green('✔')} the config is valid for ${pkg.name}`);
    for (const warning of warnings) console.log(`${color.yellow('!')} warning: ${warning}`);
    if (probe) console.log(`${color.green('✔')} probe: ${probe}`);
    if (probeError)
      console.log(
        `${color.red('✖')} probe failed: ${probeError.code}\n${describeValue(probeError.data)}`,
      );
    if (routes.length > 0) console.log(color.dim(formatRoutes(routes)));
  }
  if (problems.length > 0) return exitCodes.invalidConfig;
  if (probeError)
    return probeError.code === 'invalid_config' ? exitCodes.invalidConfig : exitCodes.failed;
  return exitCodes.ok;
};
