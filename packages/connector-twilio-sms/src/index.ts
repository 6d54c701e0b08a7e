import { createSmsConnector } from '@switchboard/core';

import { sendMessage } from './api.js';
import { twilioSmsConfigGuard } from './config.js';
import { defaultMetadata, PROVIDER } from './metadata.js';

export default createSmsConnector({
  provider: PROVIDER,
  metadata: defaultMetadata,
  configGuard: twilioSmsConfigGuard,
  send: sendMessage,
});
