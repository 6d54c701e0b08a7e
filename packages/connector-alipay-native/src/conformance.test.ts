import { fileURLToPath } from 'node:url';

import { buildConnector, describeConformance } from '@switchboard/core/testing';
import nock from 'nock';

import { validConfig } from './__fixtures__/configs.js';
import createConnector from './index.js';

describeConformance({
  packageDir: fileURLToPath(new URL('..', import.meta.url)),
  createConnector,
  validConfig,
  intercept: () => nock('https://openapi.alipay.com').post('/gateway.do').query(true),
  // Social connectors take no config argument: Logto's getConfig hands it over.
  invoke: async (_connector, config) =>
    (await buildConnector(createConnector, config)).getUserInfo(
      { auth_code: 'auth-code-1' },
      async () => ({}),
    ),
});
