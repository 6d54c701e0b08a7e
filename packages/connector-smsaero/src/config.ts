// The SMS Aero connector's config guard, built from the fields in fields.ts; no rule ties two
// fields together (the endpoint override simply takes the place of the gate list in api.ts).
import { lazyGuard, shapeOf } from '@switchboard/core';
import { z } from 'zod';

import { smsAeroFields } from './fields.js';

export const smsAeroConfigGuard = lazyGuard(() => z.object(shapeOf(smsAeroFields)));

export type SmsAeroConfig = z.infer<typeof smsAeroConfigGuard>;
