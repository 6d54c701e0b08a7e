// The Mailgun connector's config guard. Its fields (guards, form items, defaults) are in
// fields.ts; no rule ties two of them together, so the guard is the field list itself.
import { lazyGuard, shapeOf } from '@switchboard/core';
import { z } from 'zod';

import { mailgunFields } from './fields.js';

export const mailgunConfigGuard = lazyGuard(() => z.object(shapeOf(mailgunFields)));

export type MailgunConfig = z.infer<typeof mailgunConfigGuard>;
