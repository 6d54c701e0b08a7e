// What a connector announces about a message as it goes: the channel it goes out by (`sms`,
// `whatsapp`, for connectors that pick one per message) and the SMS router's route and attempts.
// Each goes out on a topic of Node's diagnostics_channel, which reaches every bundle in the
// process and costs nothing when no one listens: `switchboard send` (also with --dry-run)
// prints them.
import { type Channel, channel, subscribe, unsubscribe } from 'node:diagnostics_channel';

export type MessageChannelEvent = { provider: string; channel: string };

/**
 * What the SMS router did with one message: the route it chose (`chain`), then each provider's
 * outcome.
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

/** One diagnostics topic: announce on it (the event built only when someone listens), or collect. */
const topic = <E>(name: string) => {
  let published: Channel | undefined;
  return {
    announce: (event: () => E) => {
      published ??= channel(name);
      if (published.hasSubscribers) published.publish(event());
    },
    /** Runs `call` and lists the events announced meanwhile. */
    collect: async <T>(
      call: () => Promise<T>,
    ): Promise<{ outcome: PromiseSettledResult<T>; events: E[] }> => {
      const events: E[] = [];
      const listener = (event: unknown) => {
        events.push(event as E);
      };
      subscribe(name, listener);
      try {
        const [outcome] = await Promise.allSettled([call()]);
        return { outcome: outcome!, events };
      } finally {
        unsubscribe(name, listener);
      }
    },
  };
};

const messageChannels = topic<MessageChannelEvent>('switchboard:message-channel');
const routes = topic<RouteEvent>('switchboard:route');

export const announceMessageChannel = (event: MessageChannelEvent) =>
  messageChannels.announce(() => event);

export const collectMessageChannels = async <T>(call: () => Promise<T>) => {
  const { outcome, events } = await messageChannels.collect(call);
  return { outcome, channels: events };
};

export const announceRoute = routes.announce;

export const collectRouteEvents = async <T>(call: () => Promise<T>) => {
  const { outcome, events } = await routes.collect(call);
  return { outcome, routeEvents: events };
};
