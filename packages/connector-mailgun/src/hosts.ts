// Mailgun's API hosts, one per region: the config's `region` choices and what the requests use.
/** Mailgun API hosts; a sending domain lives in exactly one of them. */
export const regions = {
  us: 'https://api.mailgun.net',
  eu: 'https://api.eu.mailgun.net',
} as const;
