import { fileURLToPath } from 'node:url';

import { describeConformance } from '@switchboard/core/testing';
import nock from 'nock';

import createConnector from './index.js';
import { validConfig } from './__fixtures__/configs.js';

describeConformance({
  packageDir: fileURLToPath(new URL('..', import.meta.url)),
  createConnector,
  validConfig,
  users: ['api'],
  recipient: 'jane@example.com',
  intercept: () => nock('https://api.mailgun.net').post('/v3/mg.example.com/messages'),
  missingTemplate: { config: { ...validConfig, deliveries: {} }, code: 'template_not_found' },
});
