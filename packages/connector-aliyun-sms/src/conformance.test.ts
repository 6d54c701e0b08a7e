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
  users: [validConfig.accessKeyId],
  intercept: () => nock('https://dysmsapi.aliyuncs.com').post('/').query(true),
  missingTemplate: {
    config: { ...validConfig, templates: [{ usageType: 'SignIn', templateCode: 'SMS_1' }] },
    code: 'invalid_config',
  },
});
