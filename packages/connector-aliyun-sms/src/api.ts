import { randomUUID } from 'node:crypto';

import { ConnectorErrorCodes } from '@logto/connector-kit';
import {
  allowedValues,
  connectorError,
  declareClient,
  type Phone,
  renderTemplate,
  sha256Hex,
  templateValues,
  lazyGuard,
} from '@switchboard/core';
import { z } from 'zod';

import type { AliyunSmsConfig } from './config.js';
import { aliyunFailures } from './errors.js';
import { defaultMetadata, PROVIDER } from './metadata.js';
import { type AliyunTemplate, sites } from './fields.js';
import { canonicalQuery, signV1, signV3, utcTimestamp } from './signing.js';
import { readFlatXml } from './xml.js';

/** Time and nonce source for signatures; tests replace them to get fixed requests. */
export const clock = {
  now: () => new Date(),
  nonce: (): string => randomUUID(),
};

/** One Dysmsapi call: the action and its own parameters (common and signature ones come later). */
export type AliyunCall = { action: string; params: Record<string, string> };

/** The variables a template asked for, as strings, in TemplateParam; by default only `code`. */
const templateParam = (
  template: AliyunTemplate,
  payload: Record<string, unknown>,
): Record<string, string> => {
  const values = allowedValues(templateValues(payload), template.params ?? ['code']);
  return Object.keys(values).length > 0 ? { TemplateParam: JSON.stringify(values) } : {};
};

const templateCodeFor = (template: AliyunTemplate, mainland: boolean) => {
  const { templateCode } = template;
  if (templateCode === undefined) {
    throw connectorError(ConnectorErrorCodes.InvalidConfig, {
      provider: PROVIDER,
      message: `the "${template.usageType}" template has no templateCode, and a text "content" cannot be sent to the Chinese mainland (SendMessageToGlobe): add a templateCode`,
    });
  }
  if (typeof templateCode === 'string') return templateCode;
  return mainland ? templateCode.china : templateCode.overseas;
};

/**
 * SendMessageToGlobe's `Type`, as its API reference lists it: `OTP` (verification code), `NOTIFY`
 * (notification), `MKT` (promotion). Logto's messages carry a code, except an invitation's link.
 */
const globeType = (payload: Record<string, unknown>) =>
  payload.code === undefined ? 'NOTIFY' : 'OTP';

/**
 * Picks the API, number format and template code by the number's country. China site: SendSms,
 * mainland numbers as 11 national digits with the `china` code, others as country code plus number
 * with the `overseas` code. International site: SendMessageWithTemplate with a template code for
 * mainland numbers, the only ones it reaches ("send messages only to the Chinese mainland"), and
 * SendMessageToGlobe with the template's `content` for every other number.
 */
export const buildCall = (
  config: AliyunSmsConfig,
  template: AliyunTemplate,
  phone: Phone,
  payload: Record<string, unknown>,
): AliyunCall => {
  const mainland = phone.country === 'CN';
  if (config.site === 'china') {
    return {
      action: 'SendSms',
      params: {
        PhoneNumbers: mainland ? phone.national : phone.international,
        SignName: config.signName,
        TemplateCode: templateCodeFor(template, mainland),
        ...templateParam(template, payload),
      },
    };
  }
  if (mainland) {
    return {
      action: 'SendMessageWithTemplate',
      params: {
        To: phone.international,
        From: config.signName,
        TemplateCode: templateCodeFor(template, mainland),
        ...templateParam(template, payload),
      },
    };
  }
  if (template.content === undefined) {
    throw connectorError(ConnectorErrorCodes.InvalidConfig, {
      provider: PROVIDER,
      message: `the "${template.usageType}" template has no content: the international site sends to numbers outside the Chinese mainland only with SendMessageToGlobe, which takes the message text; add "content" to this template`,
    });
  }
  return {
    action: 'SendMessageToGlobe',
    params: {
      To: phone.international,
      Message: renderTemplate(template.content, templateValues(payload)),
      Type: globeType(payload),
      ...(config.senderId ? { From: config.senderId } : {}),
    },
  };
};

/** V1: every parameter plus `Signature` in a form body. */
const v1Request = (config: AliyunSmsConfig, base: string, call: AliyunCall) => {
  const site = sites[config.site];
  const params = {
    ...call.params,
    Action: call.action,
    Version: site.version,
    Format: 'JSON',
    RegionId: site.regionId,
    AccessKeyId: config.accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: clock.nonce(),
    Timestamp: utcTimestamp(clock.now()),
  };
  return {
    url: `${base}/`,
    form: { ...params, Signature: signV1('POST', params, config.accessKeySecret) },
  };
};

/**
 * V3: parameters in the query, an empty body, the signature in the Authorization header. RPC APIs
 * answer XML unless asked otherwise: `Accept: application/json` asks for JSON, as Alibaba's SDK
 * does. Like the SDK, it is not signed (only `host`, `x-acs-*` and `content-type` are).
 */
const v3Request = (config: AliyunSmsConfig, base: string, call: AliyunCall) => {
  const url = new URL(`${base}/`);
  const bodyHash = sha256Hex('');
  const headers = {
    host: url.host,
    'x-acs-action': call.action,
    'x-acs-version': sites[config.site].version,
    'x-acs-date': utcTimestamp(clock.now()),
    'x-acs-signature-nonce': clock.nonce(),
    'x-acs-content-sha256': bodyHash,
  };
  const { authorization } = signV3(
    { method: 'POST', path: url.pathname, query: call.params, headers, bodyHash },
    config.accessKeyId,
    config.accessKeySecret,
  );
  return {
    url: `${base}/?${canonicalQuery(call.params)}`,
    headers: { ...headers, accept: 'application/json', authorization },
  };
};

/** Both sites' answers: `Code`/`Message` (2017-05-25) or `ResponseCode`/`ResponseDescription` (2018-05-01). */
const responseGuard = lazyGuard(() =>
  z
    .object({
      Code: z.string().optional(),
      Message: z.string().optional(),
      ResponseCode: z.string().optional(),
      ResponseDescription: z.string().optional(),
      RequestId: z.string().optional(),
      BizId: z.string().optional(),
      MessageId: z.string().optional(),
    })
    .passthrough()
    .refine((body) => (body.Code ?? body.ResponseCode) !== undefined, {
      message: 'Code or ResponseCode is missing',
    }),
);

export type AliyunResponse = z.infer<typeof responseGuard>;

const clientFor = declareClient({
  provider: PROVIDER,
  formItems: defaultMetadata.formItems,
  ...aliyunFailures,
  // An answer in XML (a gateway or proxy that dropped the request's format) reads like JSON.
  parseText: (text) => readFlatXml(text),
});

export const sendSms = async (
  config: AliyunSmsConfig,
  call: AliyunCall,
  timeoutMs?: number,
): Promise<AliyunResponse> => {
  const client = clientFor(config, timeoutMs);
  const base = config.endpoint ?? sites[config.site].endpoint;
  const request =
    config.signatureVersion === 'v1'
      ? v1Request(config, base, call)
      : v3Request(config, base, call);
  // A code other than OK is a failure: the client throws it (see readAliyunFailure).
  const { body } = await client.request({ ...request, guard: responseGuard });
  return body;
};
