import { createSmsConnector } from '@switchboard/core';

import { smsAero } from './definition.js';

export default createSmsConnector(smsAero);
