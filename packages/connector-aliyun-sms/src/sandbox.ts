// The Aliyun fake for `switchboard demo`: verifies V1 and V3 signatures by recomputing them,
// checks the parameters Dysmsapi requires and answers with Aliyun's bodies, error bodies included.
// Not part of the published package.
import { createHash, randomUUID } from 'node:crypto';

import { TemplateType } from '@logto/connector-kit';
import {
  defineSandbox,
  type FakeReply,
  mask,
  parseForm,
  startFakeServer,
  sends,
} from '@switchboard/core/sandbox';

import { validConfig } from './__fixtures__/configs.js';
import { parseV3Authorization, signV1, signV3 } from './signing.js';

const secrets: Readonly<Record<string, string>> = {
  [validConfig.accessKeyId]: validConfig.accessKeySecret,
};

/** A mainland number the fake rate-limits, as Aliyun does per number and minute. */
export const limitedNumber = '13912345678';

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
const maxSkewMs = 15 * 60 * 1000;

const requestId = () => randomUUID().toUpperCase();

/** The gateway's error: an HTTP error status and `{ RequestId, HostId, Code, Message, Recommend }`. */
const gatewayError = (status: number, code: string, message: string): FakeReply => ({
  status,
  body: {
    RequestId: requestId(),
    HostId: 'dysmsapi.aliyuncs.com',
    Code: code,
    Message: message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${code}`,
  },
});

/** Aliyun's answer to an AccessKey ID it does not know, whichever signature version asked. */
const unknownAccessKey = () => ({
  ok: false as const,
  reason: 'unknown AccessKey ID',
  reply: gatewayError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.'),
});

/** A business failure: HTTP 200 with a Code (or ResponseCode on the 2018-05-01 API) other than OK. */
const businessError = (action: string, code: string, message: string): FakeReply => ({
  status: 200,
  body:
    action === 'SendSms'
      ? { RequestId: requestId(), Code: code, Message: message }
      : { RequestId: requestId(), ResponseCode: code, ResponseDescription: message },
});

type Checked =
  | {
      ok: true;
      version: 'V1' | 'V3';
      params: Record<string, string>;
      action: string;
      apiVersion: string;
      accessKeyId: string;
    }
  | { ok: false; reply: FakeReply; reason: string };

const header = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value.join(',') : (value ?? '');

const checkTime = (date: string) => Math.abs(Date.parse(date) - Date.now()) <= maxSkewMs;

export default defineSandbox({
  start: () => {
    const usedNonces = new Set<string>();

    const authenticate = (
      request: Parameters<Parameters<typeof startFakeServer>[0]>[0],
    ): Checked => {
      const authorization = header(request.headers.authorization);
      if (authorization) {
        const parsed = parseV3Authorization(authorization);
        if (!parsed) {
          return {
            ok: false,
            reason: 'malformed Authorization header',
            reply: gatewayError(
              400,
              'IncompleteSignature',
              'The request signature does not conform to Aliyun standards.',
            ),
          };
        }
        for (const name of [
          'host',
          'x-acs-action',
          'x-acs-version',
          'x-acs-date',
          'x-acs-signature-nonce',
          'x-acs-content-sha256',
        ]) {
          if (!header(request.headers[name]) || !parsed.signedHeaders.includes(name)) {
            return {
              ok: false,
              reason: `${name} missing or not signed`,
              reply: gatewayError(
                400,
                'IncompleteSignature',
                `The request signature does not conform to Aliyun standards: ${name}.`,
              ),
            };
          }
        }
        const secret = secrets[parsed.accessKeyId];
        if (secret === undefined) {
          return unknownAccessKey();
        }
        const date = header(request.headers['x-acs-date']);
        if (!checkTime(date)) {
          return {
            ok: false,
            reason: `x-acs-date ${date} is more than 15 minutes off`,
            reply: gatewayError(
              400,
              'InvalidTimeStamp.Expired',
              `Specified time stamp or date value is expired.`,
            ),
          };
        }
        const bodyHash = createHash('sha256').update(request.body).digest('hex');
        const params = Object.fromEntries(request.query);
        const expected = signV3(
          {
            method: request.method,
            path: request.path,
            query: params,
            headers: Object.fromEntries(
              parsed.signedHeaders.map((name) => [name, header(request.headers[name])]),
            ),
            bodyHash,
          },
          parsed.accessKeyId,
          secret,
        );
        if (
          bodyHash !== header(request.headers['x-acs-content-sha256']) ||
          expected.signature !== parsed.signature
        ) {
          return {
            ok: false,
            reason: 'V3 signature does not match the recomputed one',
            reply: gatewayError(
              400,
              'SignatureDoesNotMatch',
              'Specified signature is not matched with our calculation.',
            ),
          };
        }
        const nonce = header(request.headers['x-acs-signature-nonce']);
        if (usedNonces.has(nonce)) {
          return {
            ok: false,
            reason: 'nonce reused',
            reply: gatewayError(
              400,
              'SignatureNonceUsed',
              'Specified signature nonce was used already.',
            ),
          };
        }
        usedNonces.add(nonce);
        return {
          ok: true,
          version: 'V3',
          params,
          action: header(request.headers['x-acs-action']),
          apiVersion: header(request.headers['x-acs-version']),
          accessKeyId: parsed.accessKeyId,
        };
      }

      const all = { ...parseForm(request.text), ...Object.fromEntries(request.query) };
      for (const name of [
        'AccessKeyId',
        'Action',
        'Version',
        'Signature',
        'SignatureMethod',
        'SignatureVersion',
        'SignatureNonce',
        'Timestamp',
      ]) {
        if (!all[name])
          return {
            ok: false,
            reason: `${name} missing`,
            reply: gatewayError(400, `Missing${name}`, `${name} is mandatory for this action.`),
          };
      }
      const { Signature: signature = '', ...params } = all;
      if (params.SignatureMethod !== 'HMAC-SHA1' || params.SignatureVersion !== '1.0') {
        return {
          ok: false,
          reason: 'unsupported signature method',
          reply: gatewayError(
            400,
            'InvalidSignatureMethod.Malformed',
            'Specified signature method is not valid.',
          ),
        };
      }
      const secret = secrets[params.AccessKeyId ?? ''];
      if (secret === undefined) {
        return unknownAccessKey();
      }
      if (!checkTime(params.Timestamp ?? '')) {
        return {
          ok: false,
          reason: `Timestamp ${params.Timestamp} is more than 15 minutes off`,
          reply: gatewayError(
            400,
            'InvalidTimeStamp.Expired',
            'Specified time stamp or date value is expired.',
          ),
        };
      }
      if (signV1(request.method, params, secret) !== signature) {
        return {
          ok: false,
          reason: 'V1 signature does not match the recomputed one',
          reply: gatewayError(
            400,
            'SignatureDoesNotMatch',
            'Specified signature is not matched with our calculation.',
          ),
        };
      }
      if (usedNonces.has(params.SignatureNonce ?? '')) {
        return {
          ok: false,
          reason: 'nonce reused',
          reply: gatewayError(
            400,
            'SignatureNonceUsed',
            'Specified signature nonce was used already.',
          ),
        };
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

    return startFakeServer((request, observe) => {
      if (request.method !== 'POST' || request.path !== '/') {
        observe({
          summary: `${request.method} ${request.path}`,
          accepted: false,
          reason: 'unknown route',
        });
        return gatewayError(
          404,
          'InvalidAction.NotFound',
          'Specified api is not found, please check your url and method.',
        );
      }
      const checked = authenticate(request);
      if (!checked.ok) {
        observe({
          summary: `POST / (${request.headers.authorization ? 'V3' : 'V1'})`,
          accepted: false,
          reason: checked.reason,
        });
        return checked.reply;
      }
      const { params, action, apiVersion } = checked;
      const shown = [
        'PhoneNumbers',
        'To',
        'From',
        'SignName',
        'TemplateCode',
        'TemplateParam',
        'Message',
      ]
        .filter((name) => params[name] !== undefined)
        .map((name) => `${name}=${params[name]}`)
        .join(' ');
      const summary = `POST / ${action} ${apiVersion} (${checked.version} signature as ${mask(checked.accessKeyId)}) ${shown}`;
      const reject = (reason: string, reply: FakeReply) => {
        observe({ summary, accepted: false, reason });
        return reply;
      };

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
      if (!/^\d{5,15}$/.test(number))
        return reject(
          'not a phone number',
          businessError(
            action,
            action === 'SendSms' ? 'isv.MOBILE_NUMBER_ILLEGAL' : 'MOBILE_NUMBER_ILLEGAL',
            'Invalid mobile number.',
          ),
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
          businessError(
            action,
            'isv.BUSINESS_LIMIT_CONTROL',
            'Triggered minute-level flow control.',
          ),
        );

      observe({ summary, accepted: true });
      return {
        status: 200,
        body:
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
      };
    });
  },
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
  ],
});
