import { ConnectorErrorCodes } from '@logto/connector-kit';
import {
  classify,
  type ErrorTable,
  type HintTable,
  type ProviderFailure,
  usageLimitExceeded,
} from '@switchboard/core';

const { General, InvalidConfig, InvalidRequestParameters, RateLimitExceeded } = ConnectorErrorCodes;

/**
 * Aliyun codes mapped to Logto codes: SendSms business codes (help.aliyun.com/document_detail/101346.html),
 * the international site's codes (alibabacloud.com/help/en/sms/developer-reference/error-codes) and the
 * API gateway's own codes. Anything else is `general`, unless the HTTP status says more.
 */
export const aliyunErrors = {
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
export const classifyAliyun = (failure: ProviderFailure): ConnectorErrorCodes =>
  failure.code?.includes('Throttling') ? RateLimitExceeded : classify(aliyunErrors, failure);

/** A sentence added to Aliyun's message where the usual cause is known. */
export const aliyunHints: HintTable<typeof aliyunErrors> = {
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
