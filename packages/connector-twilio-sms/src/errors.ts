import { ConnectorErrorCodes } from '@logto/connector-kit';
import { type ErrorTable, usageLimitExceeded } from '@switchboard/core';

/** Twilio error codes (https://www.twilio.com/docs/api/errors) mapped to Logto codes. */
export const twilioErrors: ErrorTable = {
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
  // Throttling and quota.
  '20429': ConnectorErrorCodes.RateLimitExceeded,
  '14107': ConnectorErrorCodes.RateLimitExceeded,
  '30001': ConnectorErrorCodes.RateLimitExceeded,
  '30022': ConnectorErrorCodes.RateLimitExceeded,
};

/** A sentence added to Twilio's own message where the usual cause is known. */
export const twilioHints: Readonly<Record<string, string>> = {
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
};
