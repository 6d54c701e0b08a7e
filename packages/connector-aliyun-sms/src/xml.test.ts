import { describe, expect, it } from 'vitest';

import { readFlatXml } from './xml.js';

describe('readFlatXml', () => {
  it("reads SendSms's XML answer", () => {
    expect(
      readFlatXml(
        "<?xml version='1.0' encoding='UTF-8'?><SendSmsResponse><Message>OK</Message><RequestId>F655A8D5-B967-440B-8683-DAD6FF8DE990</RequestId><Code>OK</Code><BizId>900619746936498440^0</BizId></SendSmsResponse>",
      ),
    ).toEqual({
      Message: 'OK',
      RequestId: 'F655A8D5-B967-440B-8683-DAD6FF8DE990',
      Code: 'OK',
      BizId: '900619746936498440^0',
    });
  });

  it("reads the international site's answer, indented, with a byte order mark", () => {
    const body = [
      '\uFEFF<?xml version="1.0" encoding="UTF-8"?>',
      '<SendMessageToGlobeResponse>',
      '  <RequestId>r-1</RequestId>',
      '  <ResponseCode>OK</ResponseCode>',
      '  <ResponseDescription>OK</ResponseDescription>',
      '  <Segments>1</Segments>',
      '  <To>85268326366</To>',
      '  <MessageId>1008030300</MessageId>',
      '</SendMessageToGlobeResponse>',
      '',
    ].join('\r\n');
    expect(readFlatXml(body)).toEqual({
      RequestId: 'r-1',
      ResponseCode: 'OK',
      ResponseDescription: 'OK',
      Segments: '1',
      To: '85268326366',
      MessageId: '1008030300',
    });
  });

  it('reads a gateway error with a CDATA section, under any root name', () => {
    expect(
      readFlatXml(
        '<?xml version="1.0" encoding="UTF-8"?><Response><RequestId>r-2</RequestId><HostId>dysmsapi.aliyuncs.com</HostId><Code>SignatureDoesNotMatch</Code><Message>Specified signature is not matched with our calculation.</Message><Recommend><![CDATA[https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch&product=Dysmsapi]]></Recommend></Response>',
      ),
    ).toEqual({
      RequestId: 'r-2',
      HostId: 'dysmsapi.aliyuncs.com',
      Code: 'SignatureDoesNotMatch',
      Message: 'Specified signature is not matched with our calculation.',
      Recommend: 'https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch&product=Dysmsapi',
    });
  });

  it('decodes the five named entities and numeric references, and keeps CDATA text as it is', () => {
    expect(
      readFlatXml(
        '<Error><Message>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#20013;&#x6587; &#x1F600;</Message><Recommend>x <![CDATA[&amp; <raw>]]> y</Recommend></Error>',
      ),
    ).toEqual({ Message: 'a & b <c> "d" \'e\' 中文 😀', Recommend: 'x &amp; <raw> y' });
  });

  it('reads empty elements as empty text and an empty root as no fields', () => {
    expect(readFlatXml('<Error><Code/><Message></Message><Recommend /></Error>')).toEqual({
      Code: '',
      Message: '',
      Recommend: '',
    });
    expect(readFlatXml('<Error/>')).toEqual({});
    expect(readFlatXml('<Error></Error>')).toEqual({});
  });

  it.each([
    ['an empty body', ''],
    ['plain text', 'OK'],
    ['plain text naming a code', 'Code: OK'],
    ['JSON', '{"Code":"OK"}'],
    [
      'an HTML error page',
      '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n</body>\n</html>',
    ],
    ['HTML without a doctype', '<html><body><h1>502 Bad Gateway</h1></body></html>'],
    ['nested elements', '<Response><Code>OK</Code><Data><BizId>1</BizId></Data></Response>'],
    ['an element inside a value', '<Response><Code>O<b>K</b></Code></Response>'],
    ['attributes', '<Response><Code lang="en">OK</Code></Response>'],
    ['a comment', '<Response><!-- note --><Code>OK</Code></Response>'],
    ['a processing instruction inside', '<Response><?php echo 1 ?><Code>OK</Code></Response>'],
    ['text beside the children', '<Response>hello<Code>OK</Code></Response>'],
    ['an unknown entity', '<Response><Message>a&nbsp;b</Message></Response>'],
    ['a bare ampersand', '<Response><Message>a & b</Message></Response>'],
    ['an entity without its semicolon', '<Response><Message>a &amp b</Message></Response>'],
    ['a reference to NUL', '<Response><Message>&#0;</Message></Response>'],
    ['a reference to a surrogate', '<Response><Message>&#xD800;</Message></Response>'],
    ['a reference beyond Unicode', '<Response><Message>&#x110000;</Message></Response>'],
    ['a child without its end tag', '<Response><Code>OK</Response>'],
    ['a mismatched end tag', '<Response><Code>OK</Cod></Response>'],
    ['a root without its end tag', '<Response><Code>OK</Code>'],
    ['an unterminated CDATA section', '<Response><Code><![CDATA[OK</Code></Response>'],
    ['the same child twice', '<Response><Code>OK</Code><Code>isv.X</Code></Response>'],
    ['a second root', '<Response><Code>OK</Code></Response><Response></Response>'],
    ['text after the root', '<Response><Code>OK</Code></Response> trailing'],
    ['a namespaced name', '<s:Envelope><Code>OK</Code></s:Envelope>'],
    [
      'an entity named after an object property',
      '<Response><Message>&constructor;</Message></Response>',
    ],
    [
      'an entity that is only a property of a prototype',
      '<Response><Message>&toString;</Message></Response>',
    ],
    [
      'a reference longer than any XML allows',
      '<Response><Message>&#x00000041;</Message></Response>',
    ],
    ['a root name of 65 characters', `<${'R'.repeat(65)}><Code>OK</Code></${'R'.repeat(65)}>`],
    ['a child name of 65 characters', `<R><${'C'.repeat(65)}>OK</${'C'.repeat(65)}></R>`],
  ])('gives undefined for %s', (_name, body) => {
    expect(readFlatXml(body)).toBeUndefined();
  });
});
