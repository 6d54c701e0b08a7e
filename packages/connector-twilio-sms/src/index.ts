import { createSmsConnector } from '@switchboard/core';

import { twilioSms } from './definition.js';

export default createSmsConnector(twilioSms);
