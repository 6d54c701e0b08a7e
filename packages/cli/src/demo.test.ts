import createTwilio from '../../connector-twilio-sms/src/index.js';
import twilioSandbox from '../../connector-twilio-sms/sandbox/index.js';
import { describe, expect, it } from 'vitest';

import { formatRows, runDemo } from './demo.js';

describe('runDemo', () => {
  it('runs each scenario against the fake and passes when outcome and fake agree', async () => {
    const rows = await runDemo([
      {
        name: 'connector-twilio-sms',
        sandbox: twilioSandbox,
        createConnector: createTwilio as never,
      },
    ]);
    expect(rows.map((row) => [row.scenario, row.outcome, row.pass])).toEqual(
      twilioSandbox.scenarios.map((scenario) => [scenario.name, scenario.expect, true]),
    );
    // What the provider received is shown with the token masked.
    const received = rows.flatMap((row) => row.received).join('\n');
    expect(received).toContain('To=+14155550123');
    expect(received).not.toContain('tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0');
    // The premium-rate number is refused by the connector: the fake receives nothing for it.
    expect(rows.find((row) => row.scenario.includes('premium-rate'))?.received).toEqual([]);
    expect(formatRows(rows, false)).toMatch(/6 of 6 scenarios passed$/);
  });

  it('fails a scenario whose outcome differs from what it expects', async () => {
    const [first] = twilioSandbox.scenarios;
    const wrong = {
      ...twilioSandbox,
      scenarios: [{ ...first!, expect: 'invalid_config' as const }],
    };
    const rows = await runDemo([
      { name: 'connector-twilio-sms', sandbox: wrong, createConnector: createTwilio as never },
    ]);
    expect(rows[0]).toMatchObject({
      pass: false,
      outcome: 'success',
      reason: 'expected invalid_config, got success',
    });
  });
});
