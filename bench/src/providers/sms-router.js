// The SMS router (issue #27): a send routed to Twilio beside the Switchboard Twilio connector
// sending directly, against the same fake, with the same Twilio config (twilio-sms.js's); the
// router's one route sends every country through Twilio.
import twilio from './twilio-sms.js';

/** @type {import('./types.js').RouterBench} */
export default {
  direct: 'twilio-sms',
  operation: 'sendMessage',
  hosts: twilio.hosts,
  setup: async () => {
    const direct = await twilio.setup();
    return {
      ...direct,
      configs: {
        routed: {
          providers: { twilio: direct.config },
          routes: [{ countries: ['*'], providers: ['twilio'] }],
        },
      },
    };
  },
  respond: twilio.respond,
  floor: twilio.floor,
};
