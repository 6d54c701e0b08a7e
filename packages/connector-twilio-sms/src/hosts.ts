// Twilio's API hosts, one per region: the config's `region` choices and what the requests use.
/** Twilio's regional REST API hosts (https://www.twilio.com/docs/global-infrastructure/edge-locations). */
export const regions = {
  us1: 'https://api.twilio.com',
  ie1: 'https://api.dublin.ie1.twilio.com',
  au1: 'https://api.sydney.au1.twilio.com',
} as const;
