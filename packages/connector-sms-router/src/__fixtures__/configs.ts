import { validConfig as aliyun } from '../../../connector-aliyun-sms/src/__fixtures__/configs.js';
import { validConfig as smsaero } from '../../../connector-smsaero/src/__fixtures__/configs.js';
import { validConfig as twilio } from '../../../connector-twilio-sms/src/__fixtures__/configs.js';

/** Each provider's own fixture, unchanged; SMS Aero on its first gate only. */
export const providerConfigs = {
  twilio,
  aliyun,
  smsaero: { ...smsaero, gates: ['https://gate.smsaero.ru'] },
};

/** The example: Russia and neighbours, mainland China, the rest of the world. */
export const validConfig = {
  providers: providerConfigs,
  routes: [
    { countries: ['RU', 'BY', 'KZ'], providers: ['smsaero', 'twilio'] },
    { countries: ['CN'], providers: ['aliyun'] },
    { countries: ['*'], providers: ['twilio', 'aliyun'] },
  ],
};

export const hosts = {
  twilio: 'https://api.twilio.com',
  aliyun: 'https://dysmsapi.aliyuncs.com',
  smsaero: 'https://gate.smsaero.ru',
} as const;

/** Numbers valid in their country (libphonenumber's metadata), written out. */
export const numbers = {
  US: '14155550123',
  CA: '16135550123',
  RU: '79123456789',
  KZ: '77012345678',
  BY: '375291234567',
  CN: '8613800138000',
  DE: '4915123456789',
} as const;
