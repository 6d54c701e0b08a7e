// `switchboard check --probe`: one free, read-only call that proves credentials and region.
import { parseConfig } from '@switchboard/core';
import type { Probe } from '@switchboard/core/sandbox';

import { fetchAccount } from './api.js';
import { twilioSmsConfigGuard } from './config.js';
import { PROVIDER } from './metadata.js';

const probe: Probe = async (rawConfig) => {
  const config = parseConfig(PROVIDER, twilioSmsConfigGuard, rawConfig);
  const account = await fetchAccount(config);
  return `account "${account.friendly_name}" is ${account.status}; the credentials work in region ${config.endpoint ?? config.region}`;
};

export default probe;
