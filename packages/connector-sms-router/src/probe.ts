// `switchboard check sms-router --probe`: each configured provider's own free, read-only call.
import { ConnectorError } from '@logto/connector-kit';
import { connectorError, parseConfig } from '@switchboard/core';
import type { Probe } from '@switchboard/core/sandbox';

import smsaeroProbe from '../../connector-smsaero/src/probe.js';
import twilioProbe from '../../connector-twilio-sms/src/probe.js';
import { smsRouterConfigGuard, withSecrets } from './config.js';
import { PROVIDER } from './metadata.js';
import { type ProviderName, providerNames } from './providers.js';

const probes: Partial<Record<ProviderName, Probe>> = { twilio: twilioProbe, smsaero: smsaeroProbe };

const probe: Probe = async (rawConfig) => {
  parseConfig(PROVIDER, smsRouterConfigGuard, rawConfig);
  // Each provider's probe reads its own config, secrets from the masked fields included.
  const { providers } = withSecrets(rawConfig) as { providers: Record<string, unknown> };
  const lines: string[] = [];
  const failures: ConnectorError[] = [];
  for (const name of providerNames) {
    const own = providers[name];
    if (own === undefined) continue;
    const run = probes[name];
    if (!run) {
      lines.push(`${name}: no free read-only call exists; use send --dry-run to inspect a request`);
      continue;
    }
    try {
      lines.push(`${name}: ${await run(own as Record<string, unknown>)}`);
    } catch (error: unknown) {
      if (!(error instanceof ConnectorError)) throw error;
      failures.push(error);
      const { message } = (error.data ?? {}) as { message?: string };
      lines.push(`${name}: failed, ${error.code}: ${message ?? ''}`);
    }
  }
  if (failures[0]) {
    throw connectorError(failures[0].code, { provider: PROVIDER, message: lines.join('\n') });
  }
  return lines.join('\n');
};

export default probe;
