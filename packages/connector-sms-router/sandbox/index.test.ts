import { runSandboxScenario } from '@switchboard/core/testing';
import { describe, expect, it } from 'vitest';

import createConnector from '../src/index.js';
import sandbox from './index.js';

const scenario = (prefix: string) => {
  const found = sandbox.scenarios.find((item) => item.name.startsWith(prefix));
  if (!found) throw new Error(`no scenario ${prefix}`);
  return found;
};

describe('router sandbox', () => {
  it.each([
    ['+7 Russia', 'smsaero: '],
    ['+86 mainland', 'aliyun: '],
    ['+1 US', 'twilio: '],
  ])('%s: the right fake accepts, and only it', async (prefix, fake) => {
    const result = await runSandboxScenario(sandbox, scenario(prefix), createConnector);
    expect(result.outcome).toBe('success');
    expect(result.observations).toHaveLength(1);
    expect(result.observations[0]).toMatchObject({ accepted: true });
    expect(result.observations[0]?.summary.startsWith(fake)).toBe(true);
  });

  it('Twilio unreachable: Aliyun delivers the same number', async () => {
    const result = await runSandboxScenario(sandbox, scenario('Twilio refuses'), createConnector);
    expect(result.outcome).toBe('success');
    expect(result.value).toMatchObject({ deliveredBy: 'aliyun' });
    expect(result.observations.map((item) => item.summary.split(':')[0])).toEqual(['aliyun']);
  });

  it('Twilio silent: nothing reaches Aliyun', async () => {
    const result = await runSandboxScenario(sandbox, scenario('Twilio takes'), createConnector);
    expect(result.outcome).toBe('general');
    expect(result.observations).toEqual([]);
  });
});
