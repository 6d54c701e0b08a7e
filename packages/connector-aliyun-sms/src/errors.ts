// What happens when Aliyun says no: how its failures read (an error status, or HTTP 200 with a
// code other than OK), their Logto codes and hints.
import { ConnectorErrorCodes } from '@logto/connector-kit';
import {
  classify,
  definedFields,
  type ErrorTable,
  type FailureDeclaration,
  type HintTable,
  isSuccessStatus,
  lazyGuard,
  type ProviderFailure,
  type ReadFailure,
  retryAfterOf,
  usageLimitExceeded,
} from '@switchboard/core';
import { z } from 'zod';

const { General, InvalidConfig, InvalidRequestParameters, RateLimitExceeded } = ConnectorErrorCodes;

/**
 * Aliyun codes mapped to Logto codes: SendSms business codes (help.aliyun.com/document_detail/101346.html),
 * the international site's codes (alibabacloud.com/help/en/sms/developer-reference/error-codes) and the
 * API gateway's own codes. Anything else is `general`, unless the HTTP status says more.
 */
const aliyunErrors = {
  // Throttling (and every code containing "Throttling", see classifyAliyun).
  'isv.BUSINESS_LIMIT_CONTROL': RateLimitExceeded,
  // Balance, service stopped, quotas set in the console.
  'isv.AMOUNT_NOT_ENOUGH': usageLimitExceeded,
  'isv.OUT_OF_SERVICE': usageLimitExceeded,
  OUT_OF_SERVICE: usageLimitExceeded,
  'isv.DAY_LIMIT_CONTROL': usageLimitExceeded,
  'isv.MONTH_LIMIT_CONTROL': usageLimitExceeded,
  // The recipient.
  'isv.MOBILE_NUMBER_ILLEGAL': InvalidRequestParameters,
  MOBILE_NUMBER_ILLEGAL: InvalidRequestParameters,
  'isv.MOBILE_COUNT_OVER_LIMIT': InvalidRequestParameters,
  // Templates and signatures.
  'isv.SMS_TEMPLATE_ILLEGAL': InvalidConfig,
  'isv.TEMPLATE_MISSING_PARAMETERS': InvalidConfig,
  'isv.TEMPLATE_PARAMS_ILLEGAL': InvalidConfig,
  'isv.INVALID_JSON_PARAM': InvalidConfig,
  'isv.SMS_SIGNATURE_ILLEGAL': InvalidConfig,
  'isv.SMS_SIGN_ILLEGAL': InvalidConfig,
  'isv.SIGN_STATE_ILLEGAL': InvalidConfig,
  'isv.SMS_SIGNATURE_SCENE_ILLEGAL': InvalidConfig,
  'isv.SMS_CONTENT_ILLEGAL': InvalidConfig,
  'isv.DOMESTIC_NUMBER_NOT_SUPPORTED': InvalidConfig,
  SMS_CONTENT_CODE_ILLEGAL: InvalidConfig,
  SMS_SIGN_NAME_ILLEGAL: InvalidConfig,
  CONTENT_MISSING_PARAMETERS: InvalidConfig,
  INVALID_SENDERID: InvalidConfig,
  // Account, access key, permissions and request signature.
  'isv.PRODUCT_UN_SUBSCRIPT': InvalidConfig,
  'isv.PRODUCT_UNSUBSCRIBE': InvalidConfig,
  'isv.ACCOUNT_NOT_EXISTS': InvalidConfig,
  'isv.ACCOUNT_ABNORMAL': InvalidConfig,
  ACCOUNT_NOT_EXISTS: InvalidConfig,
  'isp.RAM_PERMISSION_DENY': InvalidConfig,
  'Forbidden.RAM': InvalidConfig,
  'InvalidAccessKeyId.NotFound': InvalidConfig,
  'InvalidAccessKeyId.Inactive': InvalidConfig,
  SignatureDoesNotMatch: InvalidConfig,
  IncompleteSignature: InvalidConfig,
  // The server clock is off: neither the config nor the request is at fault.
  'InvalidTimeStamp.Expired': General,
} satisfies ErrorTable;

/**
 * Alibaba Cloud's SDK core takes every error code containing "Throttling" for throttling
 * (`Throttling`, `Throttling.User`, `Throttling.Api`, `Throttling.Resource`…): in
 * github.com/aliyun/darabonba-openapi (commit c36a43d), main.tea's doRPCRequest tests
 * code.contains('Throttling') and ts/src/client.ts code.includes("Throttling") before raising
 * ThrottlingError. This rule does the same; the table covers the other codes.
 */
const classifyAliyun = (failure: ProviderFailure): ConnectorErrorCodes =>
  failure.code?.includes('Throttling') ? RateLimitExceeded : classify(aliyunErrors, failure);

/** A sentence added to Aliyun's message where the usual cause is known. */
const aliyunHints: HintTable<typeof aliyunErrors> = {
  SignatureDoesNotMatch: 'check accessKeySecret (and that it belongs to accessKeyId)',
  'InvalidAccessKeyId.NotFound': 'check accessKeyId and the site: keys do not work across sites',
  'InvalidTimeStamp.Expired': 'the server clock is more than 15 minutes off: sync it with NTP',
  'isv.SMS_TEMPLATE_ILLEGAL':
    'check templateCode, that the template is approved, and that "params" lists exactly its variables',
  'isv.SMS_SIGNATURE_ILLEGAL': 'check signName against the approved signatures in the SMS console',
  'isv.BUSINESS_LIMIT_CONTROL': 'Aliyun limits how often one number can receive messages',
  'isv.AMOUNT_NOT_ENOUGH': 'top up the Alibaba Cloud account',
  'isv.OUT_OF_SERVICE': 'the account is out of balance: top it up',
  'isv.DOMESTIC_NUMBER_NOT_SUPPORTED': 'set a "china" template code for mainland numbers',
  'isp.RAM_PERMISSION_DENY': 'grant the RAM user AliyunDysmsFullAccess or a send policy',
};

/** What every Dysmsapi answer may carry: `Code`/`Message` (2017-05-25) or `ResponseCode`/`ResponseDescription` (2018-05-01). */
const outcomeFields = {
  Code: z.string().optional(),
  Message: z.string().optional(),
  ResponseCode: z.string().optional(),
  ResponseDescription: z.string().optional(),
  RequestId: z.string().optional(),
};

/** A 2xx answer, as the request's guard already accepted it. */
const answerGuard = lazyGuard(() => z.object(outcomeFields));

/**
 * The gateway's error body: `{ RequestId, HostId, Code, Message, Recommend }` (`<Error>…</Error>` in
 * XML), or an API answer with `Code`/`Message` or `ResponseCode`/`ResponseDescription`.
 */
const errorGuard = lazyGuard(() =>
  z.object({ ...outcomeFields, Recommend: z.string().optional() }),
);

/** An error status reads from the error body; HTTP 200 fails when its code is not OK. */
const readAliyunFailure: ReadFailure = (raw, status, headers) => {
  if (isSuccessStatus(status)) {
    const parsed = answerGuard.safeParse(raw);
    if (!parsed.success) return undefined;
    const code = parsed.data.Code ?? parsed.data.ResponseCode;
    if (code === 'OK') return undefined;
    // A limit answered with HTTP 200 keeps its wait hint (`x-acs-retry-after`) too.
    return definedFields({
      status,
      code,
      message: parsed.data.Message ?? parsed.data.ResponseDescription,
      requestId: parsed.data.RequestId,
      retryAfter: retryAfterOf(headers),
    });
  }
  const parsed = errorGuard.safeParse(raw);
  if (!parsed.success) return undefined;
  const { RequestId: requestId, Recommend: recommend } = parsed.data;
  return definedFields({
    code: parsed.data.Code ?? parsed.data.ResponseCode,
    message: parsed.data.Message ?? parsed.data.ResponseDescription,
    requestId,
    details: recommend ? { recommend } : undefined,
  });
};

/** Aliyun's failures, as the client declaration takes them. */
export const aliyunFailures = {
  readFailure: readAliyunFailure,
  errors: aliyunErrors,
  hints: aliyunHints,
  classify: classifyAliyun,
} satisfies FailureDeclaration<typeof aliyunErrors>;
