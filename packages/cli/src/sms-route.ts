import { collectRouteEvents, type RouteEvent } from '@switchboard/core';

export type RouteEvents = RouteEvent[];

/**
 * Wraps a connector call so the SMS router's route events (the route it chose, each provider's
 * outcome) are kept in `events`; other connectors announce none.
 */
export const keepingRouteEvents = <T>(call: () => Promise<T>) => {
  const events: RouteEvent[] = [];
  const wrapped = async () => {
    const { outcome, routeEvents } = await collectRouteEvents(call);
    events.push(...routeEvents);
    if (outcome.status === 'rejected') throw outcome.reason;
    return outcome.value;
  };
  return { events, call: wrapped };
};

/** `sms route: RU → smsaero, twilio`, then one line per attempt. */
export const formatRouteEvents = (events: readonly RouteEvent[]): string =>
  events
    .map((event) =>
      event.event === 'route'
        ? `sms route: ${event.country} → ${event.chain.join(', ')}`
        : event.outcome === 'delivered'
          ? `delivered by ${event.via}`
          : `${event.via} failed (${event.note ?? 'no detail'})`,
    )
    .join('\n');
