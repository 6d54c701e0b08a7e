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
  users: [validConfig.email],
  recipient: '79990000000',
  intercept: () => nock('https://gate.smsaero.ru').post('/v2/sms/send'),
  missingTemplate: {
    config: { ...validConfig, templates: [{ usageType: 'SignIn', content: 'Code {{code}}' }] },
    code: 'invalid_config',
  },
});
