// What the Twilio connector is, declared once: its factory (index.ts) and the SMS router build on it.
import type { SmsConnectorOptions } from '@switchboard/core';

import { sendMessage } from './api.js';
import { type TwilioSmsConfig, twilioSmsConfigGuard } from './config.js';
import { twilioDestinationRefusals } from './errors.js';
import { defaultMetadata, PROVIDER } from './metadata.js';

export const twilioSms: SmsConnectorOptions<TwilioSmsConfig> = {
  provider: PROVIDER,
  metadata: defaultMetadata,
  configGuard: twilioSmsConfigGuard,
  send: sendMessage,
  destinationRefusals: twilioDestinationRefusals,
};
