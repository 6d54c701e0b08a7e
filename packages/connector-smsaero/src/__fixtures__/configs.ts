import { defaultSmsTemplates } from '@switchboard/core';

/** A config in the official connector's shape: e-mail, API key, sender name and templates. */
export const validConfig = {
  email: 'owner@example.com',
  apiKey: 'sa_key_7Hq2Lm9Xv4Rt8Kp3Zw6Nd1Fb5',
  senderName: 'SMS Aero',
  templates: defaultSmsTemplates,
};

/** Exactly what the official connector's README and mock hold: the four required templates. */
export const officialConfig = {
  email: 'test@test.com',
  apiKey: 'api-key-official-0001',
  senderName: 'sender-name',
  templates: [
    { usageType: 'SignIn', content: 'Your sign-in code is {{code}}' },
    { usageType: 'Register', content: 'Your registration code is {{code}}' },
    { usageType: 'ForgotPassword', content: 'Your password reset code is {{code}}' },
    { usageType: 'Generic', content: 'Your code is {{code}}' },
  ],
};

/**
 * SMS Aero bodies in the v2 envelope `{ success, data, message }` and the legacy `{ result, reason }`
 * shape (both as read by the official SDKs). The success body follows the SDK READMEs; the failure
 * messages are illustrative, since SMS Aero's error texts are not published as a list.
 */
export const bodies = {
  sent: {
    success: true,
    data: {
      id: 686325,
      from: 'SMS Aero',
      number: '79990000000',
      text: 'Your verification code is 123456.',
      status: 8,
      extendStatus: 'moderation',
      channel: 'FREE SIGN',
      cost: 2.99,
      dateCreate: 1622650986,
      dateSend: 1622650986,
    },
    message: null,
  },
  badCredentials: {
    success: false,
    data: null,
    message: 'Your request was made with invalid credentials.',
  },
  noMoney: { success: false, data: null, message: 'Not enough money on the balance.' },
  badNumber: {
    success: false,
    data: { number: ['Invalid phone number.'] },
    message: 'Validation error.',
  },
  badSign: {
    success: false,
    data: { sign: ['Signature is not approved.'] },
    message: 'Validation error.',
  },
  legacyReject: { result: 'reject', reason: 'incorrect sender name' },
  legacyNoCredits: { result: 'no credits' },
} as const;
