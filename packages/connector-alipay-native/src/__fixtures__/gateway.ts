import nock from 'nock';

/** What the connector sent to the gateway in one call. */
export type SeenCall = { query?: Record<string, string>; form?: Record<string, string> };

/**
 * Intercepts one gateway call for `method` and answers with `reply` (raw text or bytes, HTTP 200
 * and `text/html;charset=utf-8` by default).
 */
export const interceptMethod = (
  method: string,
  reply: string | Buffer,
  {
    host = 'https://openapi.alipay.com',
    path = '/gateway.do',
    status = 200,
    contentType = 'text/html;charset=utf-8',
  } = {},
): SeenCall => {
  const seen: SeenCall = {};
  nock(host)
    .post(path, (body: Record<string, string> | string) => {
      seen.form = typeof body === 'string' ? Object.fromEntries(new URLSearchParams(body)) : body;
      return true;
    })
    .query((query) => {
      if (query.method !== method) return false;
      seen.query = query as Record<string, string>;
      return true;
    })
    .reply(status, reply, { 'content-type': contentType });
  return seen;
};
