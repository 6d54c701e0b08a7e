// `switchboard check --probe`: one free, read-only call that proves the key, domain and region.
import { parseConfig } from '@switchboard/core';
import type { Probe } from '@switchboard/core/sandbox';

import { fetchDomain } from './api.js';
import { mailgunConfigGuard } from './config.js';
import { PROVIDER } from './metadata.js';

const probe: Probe = async (rawConfig) => {
  const config = parseConfig(PROVIDER, mailgunConfigGuard, rawConfig);
  const domain = await fetchDomain(config);
  return `domain "${domain.name}" is ${domain.state ?? 'present'} in ${config.endpoint ?? `region ${config.region}`}; the API key can read it`;
};

export default probe;
