// `switchboard check --probe`: one free, read-only call (the balance) that proves the e-mail, the
// API key and that a gate answers.
import { parseConfig } from '@switchboard/core';
import type { Probe } from '@switchboard/core/sandbox';

import { fetchBalance } from './api.js';
import { smsAeroConfigGuard } from './config.js';
import { PROVIDER } from './metadata.js';

const probe: Probe = async (rawConfig) => {
  const config = parseConfig(PROVIDER, smsAeroConfigGuard, rawConfig);
  const { gate, balance } = await fetchBalance(config);
  const funds =
    balance === undefined
      ? 'the balance was not reported'
      : balance > 0
        ? `the balance is ${balance}`
        : `the balance is ${balance}: top it up before sending`;
  return `${config.email} signs in at ${gate}; ${funds}`;
};

export default probe;
