import {
  destinationFields,
  endpointGuard,
  optionalText,
  templatesGuard,
  timeoutGuard,
  lazyGuard,
} from '@switchboard/core';
import { z } from 'zod';

import { sites, type Site } from './hosts.js';

const code = lazyGuard(() => z.string().trim().min(1, 'a template code must not be empty'));

/** A payload path such as `code` or `ttlMinutes` that may be sent in TemplateParam. */
const paramName = lazyGuard(() =>
  z
    .string()
    .regex(/^[A-Za-z_][\w.]*$/, 'params lists variable names such as "code" or "ttlMinutes"'),
);

/**
 * One Aliyun template: the official `{ usageType, templateCode, type? }` plus `params` (the
 * variables that may leave), `content` (text for SendMessageToGlobe on the international site)
 * and `locale`.
 */
export const aliyunTemplateGuard = lazyGuard(() =>
  z
    .object({
      usageType: z.string().min(1, 'usageType must not be empty'),
      templateCode: z.union([code, z.object({ china: code, overseas: code })]).optional(),
      content: z.string().min(1, 'content must not be empty').optional(),
      params: z.array(paramName).optional(),
      locale: z.string().min(1).optional(),
      /** The official connector's SmsTemplateType; accepted and not used. */
      type: z.number().int().optional(),
    })
    .refine((template) => template.templateCode !== undefined || template.content !== undefined, {
      message: 'each template needs a templateCode (or, on the international site, a content text)',
    }),
);

export type AliyunTemplate = z.infer<typeof aliyunTemplateGuard>;

export const aliyunSmsConfigGuard = lazyGuard(() =>
  z
    .object({
      accessKeyId: z.string().trim().min(1, 'accessKeyId is required'),
      accessKeySecret: z.string().trim().min(1, 'accessKeySecret is required'),
      signName: z.string().trim().min(1, 'signName is required'),
      templates: templatesGuard(aliyunTemplateGuard),
      ...destinationFields,
      /** Accepted for official configs; routing uses the parsed country instead. */
      strictPhoneRegionNumberCheck: z.boolean().optional(),
      site: z.enum(Object.keys(sites) as [Site, ...Site[]]).default('china'),
      signatureVersion: z.enum(['v3', 'v1']).default('v3'),
      senderId: optionalText,
      endpoint: endpointGuard.optional(),
      timeout: timeoutGuard.optional(),
    })
    .superRefine((config, context) => {
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
