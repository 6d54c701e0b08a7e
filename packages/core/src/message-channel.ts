// The channel a message goes out by (`sms`, `whatsapp`), for connectors that pick one per message.
// Announced on a Node diagnostics channel, which reaches every bundle in the process and costs
// nothing when no one listens: `switchboard send` (also with --dry-run) prints it.
import { type Channel, channel, subscribe, unsubscribe } from 'node:diagnostics_channel';

export type MessageChannelEvent = { provider: string; channel: string };

const name = 'switchboard:message-channel';

let messageChannel: Channel | undefined;

export const announceMessageChannel = (event: MessageChannelEvent) => {
  messageChannel ??= channel(name);
  if (messageChannel.hasSubscribers) messageChannel.publish(event);
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
