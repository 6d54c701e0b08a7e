// The rules that tie the Aliyun connector's fields together; the fields themselves are in fields.ts.
import { lazyGuard, shapeOf } from '@switchboard/core';
import { z } from 'zod';

import { aliyunFields } from './fields.js';

export const aliyunSmsConfigGuard = lazyGuard(() =>
  z.object(shapeOf(aliyunFields)).superRefine((config, context) => {
    if (config.site !== 'china') return;
    config.templates.forEach((template, index) => {
      if (template.templateCode === undefined) {
        context.addIssue({
          code: 'custom',
          path: ['templates', index, 'templateCode'],
          message: 'the China site sends with template codes only: set templateCode',
        });
      }
    });
  }),
);

export type AliyunSmsConfig = z.infer<typeof aliyunSmsConfigGuard>;
