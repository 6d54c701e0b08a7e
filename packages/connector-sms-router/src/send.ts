// One message through its route: the number parsed and checked once, then each provider of the
// route in turn while the failed attempt proves the message was not accepted, within the budget.
import type { SendMessageData } from '@logto/connector-kit';
import {
  announceRoute,
  checkDestination,
  connectorError,
  createRedactor,
  destinationRegion,
  maskPhone,
  parsePhone,
  secretsOf,
} from '@switchboard/core';
import { ConnectorErrorCodes } from '@logto/connector-kit';

import type { SmsRouterConfig } from './config.js';
import { type Attempt, describeAttempt, movesOn, routedError, verdictOf } from './failover.js';
import { PROVIDER } from './metadata.js';
import { type ProviderName, providerNames, providers } from './providers.js';
import { chooseRoute, destinationRules } from './routes.js';

/** Below this much of the budget left, another provider cannot be reached and answer. */
const minimumAttemptMs = 100;

export type RoutedResult = {
  /** The provider that took the message. */
  deliveredBy: ProviderName;
  /** What the providers before it answered, in order. */
  after: string[];
  /** That provider's own answer. */
  response: unknown;
};

/** Every secret of every configured provider, for the router's own error. */
const redactorFor = (config: SmsRouterConfig) =>
  createRedactor(() =>
    Object.entries(config.providers).flatMap(([name, own]) =>
      own
        ? secretsOf(providers[name as ProviderName].formItems, own as Record<string, unknown>)
        : [],
    ),
  );

/** The route for this number, once the router's own destination rules allow it. */
const routeFor = async (config: SmsRouterConfig, to: string) => {
  if (!Object.values(config.providers).some((own) => own !== undefined)) {
    throw connectorError(ConnectorErrorCodes.InvalidConfig, {
      provider: PROVIDER,
      message: `invalid config: providers: configure at least one provider: ${providerNames.join(', ')}`,
    });
  }
  const phone = await parsePhone(PROVIDER, to);
  checkDestination(PROVIDER, destinationRules(config, phone), phone);
  const route = chooseRoute(config.routes, phone);
  if (!route) {
    throw connectorError(ConnectorErrorCodes.InvalidRequestParameters, {
      provider: PROVIDER,
      message: `refused to send to ${maskPhone(phone)}: no route names its country ${destinationRegion(phone)}; add it, or "*", to the countries of a route`,
    });
  }
  announceRoute(() => ({
    provider: PROVIDER,
    event: 'route',
    country: destinationRegion(phone),
    chain: route.providers,
  }));
  return { phone, route };
};

/** Why the providers after a failed attempt are not tried. */
const stopReason = ({ provider, verdict }: Attempt) =>
  verdict === 'maybe-sent'
    ? `${provider} may have accepted the message; set failoverOnTimeout to try the next provider even so, at the risk of a second message`
    : `${provider} refused the message itself, which the next provider would refuse too`;

export const sendRouted = async (
  config: SmsRouterConfig,
  { to, type, payload }: SendMessageData,
): Promise<RoutedResult> => {
  const { phone, route } = await routeFor(config, to);
  const deadline = performance.now() + config.timeBudget;
  const attempts: Attempt[] = [];
  const fail = (rest: readonly string[], reason: string) =>
    routedError(
      attempts,
      rest.length > 0 ? { providers: rest, reason } : undefined,
      redactorFor(config),
    );
  for (const [index, name] of route.providers.entries()) {
    const remaining = Math.floor(deadline - performance.now());
    if (index > 0 && remaining < minimumAttemptMs) {
      throw fail(
        route.providers.slice(index),
        `the time budget of ${config.timeBudget} ms was spent; raise timeBudget to leave them time`,
      );
    }
    const provider = providers[name];
    try {
      const response = await provider.send(config.providers[name], {
        phone,
        type,
        payload,
        // The first attempt has the whole budget, the same every send (its client is reused).
        timeoutMs: index === 0 ? config.timeBudget : remaining,
      });
      announceRoute(() => ({
        provider: PROVIDER,
        event: 'attempt',
        via: name,
        outcome: 'delivered',
      }));
      return {
        deliveredBy: name,
        after: attempts.map((attempt) => describeAttempt(attempt)),
        response,
      };
    } catch (error: unknown) {
      const attempt: Attempt = { provider: name, error, verdict: verdictOf(provider, error) };
      attempts.push(attempt);
      announceRoute(() => ({
        provider: PROVIDER,
        event: 'attempt',
        via: name,
        outcome: 'failed',
        note: `${attempt.verdict}: ${describeAttempt(attempt)}`,
      }));
      if (!movesOn(attempt.verdict, config.failoverOnTimeout)) {
        throw fail(route.providers.slice(index + 1), stopReason(attempt));
      }
    }
  }
  throw fail([], '');
};
