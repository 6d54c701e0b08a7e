// Load: 1,000 concurrent sends per SMS and email connector against its sandbox fake, through a
// recording proxy. Every message reaches the fake exactly once, with its own recipient and code:
// no cross-talk between concurrent sends, no duplicates, nothing lost.
import { ConnectorType } from '@logto/connector-kit';
import { parsePhone } from '@switchboard/core';
import { describe, expect, it } from 'vitest';

import { invoke, loadSubjects } from './support/connectors.js';
import { createCounts } from './support/counts.js';
import { guardNetwork } from './support/network.js';
import { decodedText, startRecorder } from './support/servers.js';

guardNetwork();

const subjects = (await loadSubjects()).filter((subject) => subject.type !== ConnectorType.Social);
const counts = createCounts('load', ['messages sent', 'requests seen by the fakes']);
const messages = Number(process.env.RELIABILITY_LOAD ?? 1000);

/** 1,000 distinct valid German mobile numbers (+49 151 2345 0000 …), each checked by libphonenumber. */
const phoneNumbers = await Promise.all(
  Array.from({ length: messages }, async (_, index) => {
    const number = `49151234${String(index).padStart(5, '0')}`;
    await parsePhone('load', number);
    return number;
  }),
);
const emailAddresses = Array.from(
  { length: messages },
  (_, index) => `load-${String(index).padStart(5, '0')}@example.com`,
);
/** Codes no recipient, URL or other code can contain. */
const codes = Array.from({ length: messages }, (_, index) => `K${String(index).padStart(5, '0')}Q`);

describe.each(subjects)('$folder', (subject) => {
  it(
    `delivers ${messages} concurrent sends exactly once each, with their own recipient and code`,
    { timeout: 60_000 },
    async () => {
      const fake = await subject.sandbox.start();
      const proxy = await startRecorder(fake.url);
      try {
        const recipients = subject.type === ConnectorType.Email ? emailAddresses : phoneNumbers;
        const config = subject.sandbox.single?.(proxy.url, { timeout: 60_000 }) ?? {
          ...subject.sandbox.config(proxy.url),
          timeout: 60_000,
        };
        const results = await Promise.allSettled(
          recipients.map((to, index) => invoke(subject, config, { to, code: codes[index] })),
        );
        counts['messages sent'] += results.length;
        const failed = results.flatMap((result, index) =>
          result.status === 'rejected' ? [`${recipients[index]}: ${String(result.reason)}`] : [],
        );
        expect(failed.slice(0, 3)).toEqual([]);

        // What reached the fake: each request names exactly one recipient and one code, and they
        // belong together.
        const seen = proxy.exchanges.map((exchange) => decodedText(exchange.request));
        counts['requests seen by the fakes'] += seen.length;
        const pairs = seen.map((text) => ({
          recipients: recipients.flatMap((to, index) => (text.includes(to) ? [index] : [])),
          codes: codes.flatMap((code, index) => (text.includes(code) ? [index] : [])),
        }));
        const crossTalk = pairs.filter(
          (pair) =>
            pair.recipients.length !== 1 ||
            pair.codes.length !== 1 ||
            pair.recipients[0] !== pair.codes[0],
        );
        expect(crossTalk.slice(0, 3)).toEqual([]);
        const perRecipient = new Map<number, number>();
        for (const pair of pairs) {
          const index = pair.recipients[0] as number;
          perRecipient.set(index, (perRecipient.get(index) ?? 0) + 1);
        }
        expect(perRecipient.size, 'every recipient got its message').toBe(messages);
        expect(
          [...perRecipient.values()].filter((times) => times !== 1),
          'duplicate sends',
        ).toEqual([]);
        expect(seen.length).toBe(messages);
        // And the fake itself accepted each of them once.
        const accepted = fake.observations.filter((observation) => observation.accepted);
        expect(accepted.length).toBe(messages);
      } finally {
        await proxy.close();
        await fake.close();
      }
    },
  );
});
