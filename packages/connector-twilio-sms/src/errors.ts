// What happens when Twilio says no: how its error answers read, their Logto codes and hints.
import { ConnectorErrorCodes } from '@logto/connector-kit';
import {
  definedFields,
  type ErrorTable,
  type FailureDeclaration,
  type HintTable,
  isSuccessStatus,
  lazyGuard,
  type ReadFailure,
  usageLimitExceeded,
} from '@switchboard/core';
import { z } from 'zod';

/** Twilio error codes (https://www.twilio.com/docs/api/errors) mapped to Logto codes. */
const twilioErrors = {
  // Credentials, account and region.
  '20003': ConnectorErrorCodes.InvalidConfig,
  '20404': ConnectorErrorCodes.InvalidConfig,
  '20005': usageLimitExceeded,
  '21606': ConnectorErrorCodes.InvalidConfig,
  '21603': ConnectorErrorCodes.InvalidConfig,
  '21659': ConnectorErrorCodes.InvalidConfig,
  '21660': ConnectorErrorCodes.InvalidConfig,
  '21701': ConnectorErrorCodes.InvalidConfig,
  '21703': ConnectorErrorCodes.InvalidConfig,
  '21705': ConnectorErrorCodes.InvalidConfig,
  '21408': ConnectorErrorCodes.InvalidConfig,
  // The recipient.
  '21211': ConnectorErrorCodes.InvalidRequestParameters,
  '21614': ConnectorErrorCodes.InvalidRequestParameters,
  '21610': ConnectorErrorCodes.InvalidRequestParameters,
  '21612': ConnectorErrorCodes.InvalidRequestParameters,
  '21608': ConnectorErrorCodes.InvalidRequestParameters,
  // Twilio's SMS Pumping Protection refused the destination (https://www.twilio.com/docs/api/errors/30450).
  '30450': ConnectorErrorCodes.InvalidRequestParameters,
  '30453': ConnectorErrorCodes.InvalidRequestParameters,
  // ValidityPeriod out of Twilio's range, 1 to 36000 s (https://www.twilio.com/docs/api/errors/21624,
  // https://www.twilio.com/docs/api/errors/90007).
  '21624': ConnectorErrorCodes.InvalidConfig,
  '90007': ConnectorErrorCodes.InvalidConfig,
  // WhatsApp and content templates.
  // No WhatsApp sender at that From (https://www.twilio.com/docs/api/errors/63007).
  '63007': ConnectorErrorCodes.InvalidConfig,
  // The recipient is not on WhatsApp (https://www.twilio.com/docs/api/errors/63003).
  '63003': ConnectorErrorCodes.InvalidRequestParameters,
  // Free-form message outside the 24-hour window (https://www.twilio.com/docs/api/errors/63016).
  '63016': ConnectorErrorCodes.InvalidConfig,
  // ContentSid unknown, deleted or of another account (https://www.twilio.com/docs/api/errors/21655).
  '21655': ConnectorErrorCodes.InvalidConfig,
  // ContentVariables invalid (https://www.twilio.com/docs/api/errors/21656). The connector always
  // sends {"1":"<code>"} with a non-empty code, so what is left is a template whose variables are
  // not that one: the configured contentSid is wrong, hence invalid_config.
  '21656': ConnectorErrorCodes.InvalidConfig,
  // To and From of different channels (https://www.twilio.com/docs/api/errors/30016,
  // https://www.twilio.com/docs/api/errors/21910).
  '30016': ConnectorErrorCodes.InvalidConfig,
  '21910': ConnectorErrorCodes.InvalidConfig,
  // Throttling and quota.
  '20429': ConnectorErrorCodes.RateLimitExceeded,
  '14107': ConnectorErrorCodes.RateLimitExceeded,
  '30001': ConnectorErrorCodes.RateLimitExceeded,
  '30022': ConnectorErrorCodes.RateLimitExceeded,
} satisfies ErrorTable;

/**
 * Codes that refuse the destination for this account, not the number itself: the SMS router may
 * try another provider after them. 21408 (geo permissions) is an invalid_config and moves on as
 * every account refusal does.
 */
export const twilioDestinationRefusals = [
  // The number cannot be reached from this account's senders (https://www.twilio.com/docs/api/errors/21612).
  '21612',
  // SMS Pumping Protection (https://www.twilio.com/docs/api/errors/30450, /30453).
  '30450',
  '30453',
] as const satisfies ReadonlyArray<keyof typeof twilioErrors>;

const mixedChannels =
  'To and From are of different channels: for WhatsApp set whatsAppFrom to whatsapp:+<number>, or use a Messaging Service with a WhatsApp sender';

/** A sentence added to Twilio's own message where the usual cause is known. */
const twilioHints: HintTable<typeof twilioErrors> = {
  '20003':
    'check accountSID and authToken (or the API key), and that they belong to the selected region',
  '20404': 'the account or resource was not found: check accountSID and the region',
  '21211': 'the recipient number is not a valid phone number',
  '21408':
    'SMS to this country is not enabled in your Twilio geo permissions: enable it in the Twilio Console under Messaging > Settings > Geo permissions, or leave the country out of allowedCountries',
  '30450':
    'Twilio’s SMS Pumping Protection blocked this destination: if real users are refused, review Messaging > Settings > SMS Pumping Protection in the Twilio Console; allowedCountries limits where codes go',
  '30453':
    'Twilio’s SMS Pumping Protection blocked this destination as suspected fraud: if real users are refused, review Messaging > Settings > SMS Pumping Protection in the Twilio Console',
  '21608': 'trial accounts can only send to verified numbers',
  '21606': 'the sender number cannot send SMS',
  '21624':
    'Twilio refused ValidityPeriod: set validityPeriod to a whole number of seconds from 1 to 36000',
  '90007':
    'Twilio refused the validity period: set validityPeriod to 1 to 36000 seconds, and check the Validity period of the Messaging Service',
  '63007':
    'no WhatsApp sender answers at this From: check whatsAppFrom (whatsapp:+<number> of an approved WhatsApp sender of this account), or add the WhatsApp sender to the Messaging Service',
  '63003':
    'this number is not on WhatsApp: leave its country out of whatsAppCountries to send it SMS instead',
  '63016':
    'WhatsApp refuses free-form messages outside the 24-hour window: use an approved WhatsApp content template (whatsAppTemplates contentSid)',
  '21655':
    'Twilio does not know this ContentSid: copy the HX… SID of the template from the Content Template Builder of this account into whatsAppTemplates',
  '21656':
    'the template does not take the code as its one variable {{1}}: use a WhatsApp authentication template in whatsAppTemplates',
  '30016': mixedChannels,
  '21910': mixedChannels,
};

/** Twilio's error body (https://www.twilio.com/docs/usage/twilios-response). */
const twilioErrorGuard = lazyGuard(() =>
  z.object({
    code: z.number().or(z.string()).optional(),
    message: z.string().optional(),
    more_info: z.string().optional(),
  }),
);

/** Twilio answers every failure with an error status; a 2xx is the created resource. */
const readTwilioFailure: ReadFailure = (raw, status, headers) => {
  if (isSuccessStatus(status)) return undefined;
  const parsed = twilioErrorGuard.safeParse(raw);
  if (!parsed.success) return undefined;
  const requestId = headers['twilio-request-id'];
  return definedFields({
    code: parsed.data.code === undefined ? undefined : String(parsed.data.code),
    message: parsed.data.message,
    requestId: typeof requestId === 'string' ? requestId : undefined,
    details: parsed.data.more_info ? { moreInfo: parsed.data.more_info } : undefined,
  });
};

/** Twilio's failures, as the client declaration takes them. */
export const twilioFailures = {
  readFailure: readTwilioFailure,
  errors: twilioErrors,
  hints: twilioHints,
} satisfies FailureDeclaration<typeof twilioErrors>;
