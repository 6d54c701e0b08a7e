import { fileURLToPath } from 'node:url';

import { describeConformance } from '@switchboard/core/testing';
import nock from 'nock';

import createConnector from './index.js';
import { validConfig } from './__fixtures__/configs.js';

describeConformance({
  sms: true,
  packageDir: fileURLToPath(new URL('..', import.meta.url)),
  createConnector,
  validConfig,
  users: [validConfig.accountSID],
  intercept: () =>
    nock('https://api.twilio.com').post(
      `/2010-04-01/Accounts/${validConfig.accountSID}/Messages.json`,
    ),
  missingTemplate: {
    config: { ...validConfig, templates: [{ usageType: 'SignIn', content: 'Code {{code}}' }] },
    code: 'invalid_config',
  },
});
