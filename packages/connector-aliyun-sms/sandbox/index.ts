// The Aliyun fake for `switchboard demo`: verifies V1 and V3 signatures with its own code
// (./verify.ts, from Alibaba Cloud's documentation), checks the parameters Dysmsapi
// requires and answers with Aliyun's bodies, error bodies included: in JSON when the request asked
// for it (`Accept: application/json`, or `Format=JSON`), otherwise in XML, as Aliyun does. Some
// numbers get the answers of a load balancer in front instead. Not part of the published package.
import { randomUUID } from 'node:crypto';

import { TemplateType } from '@logto/connector-kit';
import {
  defineSandbox,
  type FakeReply,
  mask,
  parseForm,
  type RecordedRequest,
  startFakeServer,
  sends,
  verdicts,
} from '@switchboard/core/sandbox';

import { validConfig } from '../src/__fixtures__/configs.js';
import { verifyV1, verifyV3 } from './verify.js';

const secrets: Readonly<Record<string, string>> = {
  [validConfig.accessKeyId]: validConfig.accessKeySecret,
};

/** A mainland number the fake rate-limits, as Aliyun does per number and minute. */
const limitedNumber = '13912345678';

/**
 * A mainland number for which the API gateway's flow control answers instead: HTTP 400
 * `Throttling.User` with the wait in `x-acs-retry-after` (milliseconds), the header Alibaba's SDK
 * core reads for its back-off (darabonba-openapi, getThrottlingTimeLeft).
 */
export const throttledNumber = '13912340000';
const throttledRetryAfterMs = '2000';

/**
 * Mainland numbers for which the load balancer in front answers instead of Aliyun, as on the real
 * service path: a 502 HTML error page, a 503 plain-text body, and a 200 plain-text body from
 * something that is not Dysmsapi (a wrong endpoint override).
 */
const gatewayNumbers = {
  htmlBadGateway: '13900000502',
  textUnavailable: '13900000503',
  textOk: '13900000200',
} as const;

const actions: Readonly<Record<string, { version: string; required: string[] }>> = {
  SendSms: { version: '2017-05-25', required: ['PhoneNumbers', 'SignName', 'TemplateCode'] },
  SendMessageWithTemplate: { version: '2018-05-01', required: ['To', 'From', 'TemplateCode'] },
  SendMessageToGlobe: { version: '2018-05-01', required: ['To', 'Message'] },
};

const templateCodes = new Set(
  validConfig.templates.flatMap(({ templateCode }) =>
    typeof templateCode === 'string' ? [templateCode] : [templateCode.china, templateCode.overseas],
  ),
);
const templateVariables = new Set(['code', 'ttlMinutes']);
/** SendMessageToGlobe's documented `Type` values: verification code, notification, promotion. */
const globeTypes = new Set(['OTP', 'NOTIFY', 'MKT']);
const maxSkewMs = 15 * 60 * 1000;

const requestId = () => randomUUID().toUpperCase();

/** One Aliyun answer before it is written as JSON or XML: status, XML root element, fields. */
type Answer = {
  status: number;
  root: string;
  fields: Record<string, string>;
  headers?: Record<string, string>;
};

/** The gateway's error: an HTTP error status and `{ RequestId, HostId, Code, Message, Recommend }`. */
const gatewayError = (status: number, code: string, message: string): Answer => ({
  status,
  root: 'Error',
  fields: {
    RequestId: requestId(),
    HostId: 'dysmsapi.aliyuncs.com',
    Code: code,
    Message: message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${code}&product=Dysmsapi`,
  },
});

/** A business failure: HTTP 200 with a Code (or ResponseCode on the 2018-05-01 API) other than OK. */
const businessError = (action: string, code: string, message: string): Answer => ({
  status: 200,
  root: `${action}Response`,
  fields:
    action === 'SendSms'
      ? { RequestId: requestId(), Code: code, Message: message }
      : { RequestId: requestId(), ResponseCode: code, ResponseDescription: message },
});

const xmlEscapes: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Aliyun's XML: a declaration, the root, one element per field, the Recommend link in CDATA. */
const toXml = ({ root, fields }: Answer) =>
  `<?xml version='1.0' encoding='UTF-8'?><${root}>${Object.entries(fields)
    .map(
      ([name, value]) =>
        `<${name}>${
          name === 'Recommend'
            ? `<![CDATA[${value}]]>`
            : value.replace(/[&<>"']/g, (character) => xmlEscapes[character] ?? character)
        }</${name}>`,
    )
    .join('')}</${root}>`;

const render = (answer: Answer, json: boolean): FakeReply =>
  json
    ? {
        status: answer.status,
        ...(answer.headers ? { headers: answer.headers } : {}),
        body: answer.fields,
      }
    : {
        status: answer.status,
        headers: { ...answer.headers, 'content-type': 'text/xml;charset=utf-8' },
        body: toXml(answer),
      };

const badGatewayPage = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>Tengine</center>
</body>
</html>
`;

/** What the load balancer answers for the numbers in `gatewayNumbers`. */
const gatewayReplies: Readonly<Record<string, { reason: string; reply: FakeReply }>> = {
  [gatewayNumbers.htmlBadGateway]: {
    reason: 'load balancer: 502 HTML page',
    reply: {
      status: 502,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: badGatewayPage,
    },
  },
  [gatewayNumbers.textUnavailable]: {
    reason: 'load balancer: 503 plain text',
    reply: {
      status: 503,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: 'no healthy upstream',
    },
  },
  [gatewayNumbers.textOk]: {
    reason: 'not Dysmsapi: 200 plain text',
    reply: { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'OK' },
  },
};

type Checked =
  | {
      ok: true;
      version: 'V1' | 'V3';
      params: Record<string, string>;
      action: string;
      apiVersion: string;
      accessKeyId: string;
    }
  | { ok: false; answer: Answer; reason: string };

const header = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value.join(',') : (value ?? '');

const checkTime = (date: string) => Math.abs(Date.parse(date) - Date.now()) <= maxSkewMs;

const v3Headers = [
  'host',
  'x-acs-action',
  'x-acs-version',
  'x-acs-date',
  'x-acs-signature-nonce',
  'x-acs-content-sha256',
];
const v1Params = [
  'AccessKeyId',
  'Action',
  'Version',
  'Signature',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'Timestamp',
];

export type AliyunFakeOptions = {
  /** Behave as behind a proxy that drops the `Accept` header: V3 requests are answered in XML. */
  dropAccept?: boolean;
};

/** Starts the fake on 127.0.0.1; `sandbox.start()` is this with the default options. */
export const startAliyunFake = (options: AliyunFakeOptions = {}) => {
  const usedNonces = new Set<string>();

  const refuse = (reason: string, answer: Answer): Checked => ({ ok: false, reason, answer });

  const authenticate = (request: RecordedRequest, all: Record<string, string>): Checked => {
    if (request.headers.authorization) {
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [name, header(value)]),
      );
      const missing = v3Headers.find((name) => !headers[name]);
      if (missing) {
        return refuse(
          `${missing} missing`,
          gatewayError(
            400,
            'IncompleteSignature',
            `The request signature does not conform to Aliyun standards: ${missing}.`,
          ),
        );
      }
      const params = Object.fromEntries(request.query);
      const verified = verifyV3(
        {
          method: request.method,
          path: request.path,
          query: [...request.query],
          headers,
          body: request.body,
        },
        (id) => secrets[id],
      );
      if (!verified.ok) {
        const status = verified.code === 'InvalidAccessKeyId.NotFound' ? 404 : 400;
        return refuse(verified.reason, gatewayError(status, verified.code, verified.message));
      }
      const date = headers['x-acs-date'] ?? '';
      if (!checkTime(date)) {
        return refuse(
          `x-acs-date ${date} is more than 15 minutes off`,
          gatewayError(
            400,
            'InvalidTimeStamp.Expired',
            'Specified time stamp or date value is expired.',
          ),
        );
      }
      const nonce = headers['x-acs-signature-nonce'] ?? '';
      if (usedNonces.has(nonce)) {
        return refuse(
          'nonce reused',
          gatewayError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.'),
        );
      }
      usedNonces.add(nonce);
      return {
        ok: true,
        version: 'V3',
        params,
        action: headers['x-acs-action'] ?? '',
        apiVersion: headers['x-acs-version'] ?? '',
        accessKeyId: verified.accessKeyId,
      };
    }

    const missing = v1Params.find((name) => !all[name]);
    if (missing) {
      return refuse(
        `${missing} missing`,
        gatewayError(400, `Missing${missing}`, `${missing} is mandatory for this action.`),
      );
    }
    const { Signature: signature = '', ...params } = all;
    if (params.SignatureMethod !== 'HMAC-SHA1' || params.SignatureVersion !== '1.0') {
      return refuse(
        'unsupported signature method',
        gatewayError(
          400,
          'InvalidSignatureMethod.Malformed',
          'Specified signature method is not valid.',
        ),
      );
    }
    const secret = secrets[params.AccessKeyId ?? ''];
    if (secret === undefined) {
      return refuse(
        'unknown AccessKey ID',
        gatewayError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.'),
      );
    }
    if (!checkTime(params.Timestamp ?? '')) {
      return refuse(
        `Timestamp ${params.Timestamp} is more than 15 minutes off`,
        gatewayError(
          400,
          'InvalidTimeStamp.Expired',
          'Specified time stamp or date value is expired.',
        ),
      );
    }
    if (!verifyV1(request.method, params, signature, secret)) {
      return refuse(
        'V1 signature does not match the recomputed one',
        gatewayError(
          400,
          'SignatureDoesNotMatch',
          'Specified signature is not matched with our calculation.',
        ),
      );
    }
    if (usedNonces.has(params.SignatureNonce ?? '')) {
      return refuse(
        'nonce reused',
        gatewayError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.'),
      );
    }
    usedNonces.add(params.SignatureNonce ?? '');
    const { Action: action = '', Version: apiVersion = '' } = params;
    return {
      ok: true,
      version: 'V1',
      params,
      action,
      apiVersion,
      accessKeyId: params.AccessKeyId ?? '',
    };
  };

  /** What Dysmsapi answers to an authenticated request. */
  const answer = (checked: Checked & { ok: true }): { answer: Answer; reason?: string } => {
    const { params, action, apiVersion } = checked;
    const reject = (reason: string, answer: Answer) => ({ reason, answer });
    const spec = actions[action];
    if (!spec)
      return reject(
        'unknown action',
        gatewayError(404, 'InvalidAction.NotFound', `Specified api is not found: ${action}.`),
      );
    if (spec.version !== apiVersion)
      return reject(
        'wrong version',
        gatewayError(400, 'InvalidVersion', `Specified parameter Version is not valid.`),
      );
    const missing = spec.required.find((name) => !params[name]);
    if (missing)
      return reject(
        `${missing} missing`,
        gatewayError(400, `Missing${missing}`, `${missing} is mandatory for this action.`),
      );

    const number = params.PhoneNumbers ?? params.To ?? '';
    if (number === throttledNumber || number === `86${throttledNumber}`)
      return reject('user flow control', {
        ...gatewayError(400, 'Throttling.User', 'Request was denied due to user flow control.'),
        headers: { 'x-acs-retry-after': throttledRetryAfterMs },
      });
    if (!/^\d{5,15}$/.test(number))
      return reject(
        'not a phone number',
        businessError(
          action,
          action === 'SendSms' ? 'isv.MOBILE_NUMBER_ILLEGAL' : 'MOBILE_NUMBER_ILLEGAL',
          'Invalid mobile number.',
        ),
      );
    // "You can call the SendMessageWithTemplate operation to send messages only to the Chinese
    // mainland" (its API reference). Which code Aliyun answers is not documented; the fake uses
    // "Target country not supported" from the international site's error-code list.
    if (action === 'SendMessageWithTemplate' && !/^861\d{10}$/.test(number))
      return reject(
        'SendMessageWithTemplate reaches the Chinese mainland only',
        businessError(action, 'NOT_SUPPORTED_COUNTRY', 'Target country not supported.'),
      );
    if (
      action === 'SendMessageToGlobe' &&
      params.Type !== undefined &&
      !globeTypes.has(params.Type)
    )
      return reject(
        `Type ${params.Type} is none of OTP, NOTIFY, MKT`,
        businessError(action, 'INVALID_PARAMETERS', 'The input parameters are invalid.'),
      );
    const sign =
      params.SignName ?? (action === 'SendMessageWithTemplate' ? params.From : undefined);
    if (sign !== undefined && sign !== validConfig.signName)
      return reject(
        'unknown sign name',
        businessError(action, 'isv.SMS_SIGNATURE_ILLEGAL', 'The signature is not valid.'),
      );
    if (params.TemplateCode !== undefined && !templateCodes.has(params.TemplateCode))
      return reject(
        'unknown template',
        businessError(action, 'isv.SMS_TEMPLATE_ILLEGAL', 'The template is not valid.'),
      );
    if (params.TemplateParam !== undefined) {
      let values: unknown;
      try {
        values = JSON.parse(params.TemplateParam);
      } catch {
        return reject(
          'TemplateParam is not JSON',
          businessError(action, 'isv.INVALID_JSON_PARAM', 'JSON parameter is not valid.'),
        );
      }
      const entries = typeof values === 'object' && values !== null ? Object.entries(values) : [];
      if (
        entries.some(
          ([name, value]) =>
            !templateVariables.has(name) ||
            typeof value !== 'string' ||
            !/^[A-Za-z0-9]+$/.test(value),
        )
      ) {
        return reject(
          'TemplateParam holds a variable the template does not declare, or a value that is not alphanumeric',
          businessError(
            action,
            'isv.SMS_TEMPLATE_ILLEGAL',
            'The template and parameters do not match.',
          ),
        );
      }
    }
    if (number === limitedNumber || number === `86${limitedNumber}`)
      return reject(
        'rate limit for this number',
        businessError(action, 'isv.BUSINESS_LIMIT_CONTROL', 'Triggered minute-level flow control.'),
      );

    return {
      answer: {
        status: 200,
        root: `${action}Response`,
        fields:
          action === 'SendSms'
            ? { RequestId: requestId(), Code: 'OK', Message: 'OK', BizId: `${Date.now()}^0` }
            : {
                RequestId: requestId(),
                ResponseCode: 'OK',
                ResponseDescription: 'OK',
                MessageId: String(Date.now()),
                To: number,
                Segments: '1',
              },
      },
    };
  };

  return startFakeServer((request, observe) => {
    const all = { ...parseForm(request.text), ...Object.fromEntries(request.query) };
    const accept = options.dropAccept ? '' : header(request.headers.accept);
    const json = /\bapplication\/json\b/i.test(accept) || all.Format?.toLowerCase() === 'json';
    const version = request.headers.authorization ? 'V3' : 'V1';

    const number = (all.PhoneNumbers ?? all.To ?? '').replace(/^86(?=1\d{10}$)/, '');
    const fromGateway = gatewayReplies[number];
    if (fromGateway) {
      return verdicts(observe, `POST / (${version}) to ${number}`).refuse(
        fromGateway.reason,
        fromGateway.reply,
      );
    }
    if (request.method !== 'POST' || request.path !== '/') {
      return verdicts(observe, `${request.method} ${request.path}`).refuse(
        'unknown route',
        render(
          gatewayError(
            404,
            'InvalidAction.NotFound',
            'Specified api is not found, please check your url and method.',
          ),
          json,
        ),
      );
    }
    const checked = authenticate(request, all);
    if (!checked.ok) {
      return verdicts(observe, `POST / (${version})`).refuse(
        checked.reason,
        render(checked.answer, json),
      );
    }
    const shown = [
      'PhoneNumbers',
      'To',
      'From',
      'SignName',
      'TemplateCode',
      'TemplateParam',
      'Message',
      'Type',
    ]
      .filter((name) => checked.params[name] !== undefined)
      .map((name) => `${name}=${checked.params[name]}`)
      .join(' ');
    const verdict = verdicts(
      observe,
      `POST / ${checked.action} ${checked.apiVersion} (${checked.version} signature as ${mask(checked.accessKeyId)}, answered in ${json ? 'JSON' : 'XML'}) ${shown}`,
    );
    const result = answer(checked);
    const reply = render(result.answer, json);
    return result.reason === undefined
      ? verdict.accept(reply)
      : verdict.refuse(result.reason, reply);
  });
};

export default defineSandbox({
  start: () => startAliyunFake(),
  config: (baseUrl) => ({ ...validConfig, endpoint: baseUrl }),
  scenarios: [
    {
      name: 'sign-in code to a mainland number, V3 signature',
      run: sends({
        to: '13800138000',
        type: TemplateType.SignIn,
        payload: { code: '482913', locale: 'zh-CN' },
      }),
      expect: 'success',
    },
    {
      name: 'US number with the overseas template, V1 signature',
      config: (baseUrl) => ({ ...validConfig, signatureVersion: 'v1', endpoint: baseUrl }),
      run: sends({ to: '14155550123', type: TemplateType.Register, payload: { code: '771024' } }),
      expect: 'success',
    },
    {
      name: 'international site: SendMessageToGlobe to Hong Kong',
      config: (baseUrl) => ({
        ...validConfig,
        site: 'international',
        templates: [
          {
            usageType: 'Generic',
            content: 'Your code is {{code}}. It expires in {{ttlMinutes}} minutes.',
          },
        ],
        endpoint: baseUrl,
      }),
      run: sends({ to: '85268326366', type: TemplateType.Generic, payload: { code: '305118' } }),
      expect: 'success',
    },
    {
      name: 'wrong AccessKey secret (SignatureDoesNotMatch)',
      config: (baseUrl) => ({
        ...validConfig,
        accessKeySecret: 'not-the-secret',
        endpoint: baseUrl,
      }),
      run: sends({ to: '13800138000', type: TemplateType.SignIn, payload: { code: '482913' } }),
      expect: 'invalid_config',
    },
    {
      name: 'Aliyun rate-limits the number (isv.BUSINESS_LIMIT_CONTROL)',
      run: sends({ to: limitedNumber, type: TemplateType.SignIn, payload: { code: '482913' } }),
      expect: 'rate_limit_exceeded',
    },
    {
      name: "the gateway's flow control (Throttling.User, x-acs-retry-after)",
      run: sends({ to: throttledNumber, type: TemplateType.SignIn, payload: { code: '482913' } }),
      expect: 'rate_limit_exceeded',
    },
  ],
});
