import { defaultSmsTemplates } from '@switchboard/core';

/** A config in the official connector's shape: Account SID, Auth Token, Messaging Service. */
export const validConfig = {
  accountSID: 'AC11111111111111111111111111111111',
  authToken: 'tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0',
  fromMessagingServiceSID: 'MG22222222222222222222222222222222',
  templates: defaultSmsTemplates,
};
