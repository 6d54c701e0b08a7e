// The channel a message goes out by (`sms`, `whatsapp`), for connectors that pick one per message.
// Announced on a Node diagnostics channel, which reaches every bundle in the process and costs
// nothing when no one listens: `switchboard send` (also with --dry-run) prints it.
import { type Channel, channel, subscribe, unsubscribe } from 'node:diagnostics_channel';

export type MessageChannelEvent = { provider: string; channel: string };

const name = 'switchboard:message-channel';

/** The diagnostics channel (Node's publish-subscribe topic) the announcements go out on. */
let messageTopic: Channel | undefined;

export const announceMessageChannel = (event: MessageChannelEvent) => {
  messageTopic ??= channel(name);
  if (messageTopic.hasSubscribers) messageTopic.publish(event);
};

/** Runs `call` and lists the channels announced meanwhile. */
export const collectMessageChannels = async <T>(
  call: () => Promise<T>,
): Promise<{ outcome: PromiseSettledResult<T>; channels: MessageChannelEvent[] }> => {
  const channels: MessageChannelEvent[] = [];
  const listener = (event: unknown) => {
    channels.push(event as MessageChannelEvent);
  };
  subscribe(name, listener);
  try {
    const [outcome] = await Promise.allSettled([call()]);
    return { outcome: outcome!, channels };
  } finally {
    unsubscribe(name, listener);
  }
};

/**
 * What the SMS router did with one message: the route it chose (`chain`), then each provider's
 * outcome. Announced like the message channel; `switchboard send` prints it.
 */
export type RouteEvent =
  | { provider: string; event: 'route'; country: string; chain: string[] }
  | {
      provider: string;
      event: 'attempt';
      via: string;
      outcome: 'delivered' | 'failed';
      note?: string;
    };

const routeName = 'switchboard:route';

let routeTopic: Channel | undefined;

/** `event` is built only when someone listens (`switchboard send`), never on Logto's sends. */
export const announceRoute = (event: () => RouteEvent) => {
  routeTopic ??= channel(routeName);
  if (routeTopic.hasSubscribers) routeTopic.publish(event());
};

/** Runs `call` and lists the route events announced meanwhile. */
export const collectRouteEvents = async <T>(
  call: () => Promise<T>,
): Promise<{ outcome: PromiseSettledResult<T>; routeEvents: RouteEvent[] }> => {
  const routeEvents: RouteEvent[] = [];
  const listener = (event: unknown) => {
    routeEvents.push(event as RouteEvent);
  };
  subscribe(routeName, listener);
  try {
    const [outcome] = await Promise.allSettled([call()]);
    return { outcome: outcome!, routeEvents };
  } finally {
    unsubscribe(routeName, listener);
  }
};
