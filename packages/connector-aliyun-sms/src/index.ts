import { createSmsConnector } from '@switchboard/core';

import { aliyunSms } from './definition.js';

export default createSmsConnector(aliyunSms);
