import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import {
  allowedValues,
  defaultSmsTemplates,
  escapeHtml,
  findTemplate,
  payloadLocale,
  renderTemplate,
  templateFor,
  smsTemplateGuard,
  templatesGuard,
  templateValues,
  usageTypes,
} from './templates.js';

type Template = { usageType: string; content: string; locale?: string };

const templates: Template[] = [
  // Localized entries first, so a template without a locale is found by choice, not by position.
  { usageType: 'Generic', content: 'generic-fr', locale: 'fr' },
  { usageType: 'Generic', content: 'generic' },
  { usageType: 'SignIn', content: 'sign-in-de', locale: 'de-DE' },
  { usageType: 'SignIn', content: 'sign-in' },
  { usageType: 'SignIn', content: 'sign-in-zh', locale: 'zh' },
  { usageType: 'Register', content: 'register-fr', locale: 'fr' },
];

describe('findTemplate', () => {
  it.each([
    ['SignIn', 'de-DE', 'sign-in-de', 'usageType and locale'],
    ['SignIn', 'de_de', 'sign-in-de', 'usageType and locale, any case and separator'],
    ['SignIn', 'zh-CN', 'sign-in-zh', 'usageType and the language of the locale'],
    ['SignIn', 'zh-Hans-CN', 'sign-in-zh', 'usageType and the language of the locale'],
    ['SignIn', 'fr', 'sign-in', 'usageType without a locale before Generic in the locale'],
    ['SignIn', undefined, 'sign-in', 'usageType without a locale'],
    ['Register', 'ja', 'register-fr', 'usageType in another locale before Generic'],
    ['Register', 'fr-CA', 'register-fr', 'usageType and the language of the locale'],
    ['ForgotPassword', 'fr-FR', 'generic-fr', 'Generic and the language of the locale'],
    ['ForgotPassword', 'de-DE', 'generic', 'Generic without a locale'],
    ['ForgotPassword', undefined, 'generic', 'Generic without a locale'],
    ['Generic', 'fr', 'generic-fr', 'Generic and locale'],
    ['Generic', undefined, 'generic', 'Generic without a locale'],
  ])('finds %s / %s: %s (%s)', (usageType, locale, expected, _rule) => {
    expect(findTemplate(templates, usageType, locale)?.content).toBe(expected);
  });

  it('does not match a regional template to another region of the language', () => {
    const regional: Template[] = [
      { usageType: 'Generic', content: 'generic' },
      { usageType: 'Generic', content: 'traditional', locale: 'zh-TW' },
    ];
    expect(findTemplate(regional, 'Generic', 'zh-CN')?.content).toBe('generic');
    expect(findTemplate(regional, 'Generic', 'zh-tw')?.content).toBe('traditional');
  });

  it('falls back on a localized Generic template when no Generic template lacks a locale', () => {
    const onlyLocalized: Template[] = [{ usageType: 'Generic', content: 'de', locale: 'de' }];
    expect(findTemplate(onlyLocalized, 'SignIn', 'en')?.content).toBe('de');
  });

  it('finds nothing when neither the usage type nor Generic has a template', () => {
    expect(findTemplate([{ usageType: 'SignIn', content: 'x' }], 'Register', 'en')).toBeUndefined();
    expect(findTemplate([], 'Generic')).toBeUndefined();
  });
});

describe('templateFor', () => {
  it('returns the template findTemplate finds, from a list templatesGuard accepted', () => {
    const guarded = templatesGuard(smsTemplateGuard).parse(templates);
    expect(templateFor(guarded, 'BindMfa', 'fr')).toEqual({
      usageType: 'Generic',
      content: 'generic-fr',
      locale: 'fr',
    });
  });
});

describe('templatesGuard', () => {
  const guard = templatesGuard(smsTemplateGuard);

  it('accepts a list with a Generic template', () => {
    const list = [
      { usageType: 'SignIn', content: 'Sign in with {{code}}' },
      { usageType: 'Generic', content: 'Code {{code}}', locale: 'en' },
    ];
    expect(guard.parse(list)).toEqual(list);
  });

  it('rejects a list without a Generic template, saying why', () => {
    const result = guard.safeParse([{ usageType: 'SignIn', content: 'Code {{code}}' }]);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/usageType "Generic" is required/);
  });

  it.each([
    ['an empty list', []],
    ['an empty content', [{ usageType: 'Generic', content: '' }]],
    ['an empty usage type', [{ usageType: '', content: 'x' }]],
    ['a missing content', [{ usageType: 'Generic' }]],
    ['an empty locale', [{ usageType: 'Generic', content: 'x', locale: '' }]],
    ['something that is not a list', { usageType: 'Generic', content: 'x' }],
  ])('rejects %s', (_case, value) => {
    expect(guard.safeParse(value).success).toBe(false);
  });

  it('works with a provider-specific template shape', () => {
    const aliyunGuard = templatesGuard(
      z.object({ usageType: z.string(), templateCode: z.string().regex(/^SMS_\d+$/) }),
    );
    expect(aliyunGuard.safeParse([{ usageType: 'Generic', templateCode: 'SMS_1' }]).success).toBe(
      true,
    );
    expect(aliyunGuard.safeParse([{ usageType: 'SignIn', templateCode: 'SMS_1' }]).success).toBe(
      false,
    );
  });
});

describe('renderTemplate', () => {
  it('fills placeholders with or without spaces', () => {
    expect(renderTemplate('Code {{code}}, again {{ code }}.', { code: '123456' })).toBe(
      'Code 123456, again 123456.',
    );
  });

  it('prints numbers, booleans and bigints', () => {
    expect(
      renderTemplate('{{a}} {{b}} {{c}} {{d}}', { a: 123456, b: 0, c: false, d: BigInt(7) }),
    ).toBe('123456 0 false 7');
  });

  it('follows nested paths', () => {
    const values = { user: { profile: { name: 'Ada' } }, application: { name: 'Console' } };
    expect(renderTemplate('Hi {{user.profile.name}} from {{ application.name }}', values)).toBe(
      'Hi Ada from Console',
    );
  });

  it('leaves a placeholder whose first name is not in the values as written', () => {
    expect(renderTemplate('Code {{code}} for {{ unknown.path }}', { code: '1' })).toBe(
      'Code 1 for {{ unknown.path }}',
    );
  });

  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'])(
    'leaves the inherited name {{%s}} as written',
    (name) => {
      expect(renderTemplate(`x {{${name}}} y`, { code: '1' })).toBe(`x {{${name}}} y`);
    },
  );

  it('empties a path that is present at its root but missing or unprintable below it', () => {
    const values = {
      user: { name: 'Ada', tags: ['a'] },
      empty: null,
      nothing: undefined,
      call: () => 'x',
    };
    expect(
      renderTemplate(
        '[{{user.missing}}][{{user.name.first}}][{{user.toString}}][{{user.__proto__}}]',
        values,
      ),
    ).toBe('[][][][]');
    expect(
      renderTemplate('[{{user}}][{{user.tags}}][{{empty}}][{{nothing}}][{{call}}]', values),
    ).toBe('[][][][][]');
  });

  it('reads nested paths through own properties only', () => {
    const user = Object.assign(Object.create({ role: 'admin' }) as object, { name: 'Ada' });
    expect(renderTemplate('{{user.name}} [{{user.role}}]', { user })).toBe('Ada []');
  });

  it('applies escape to every substituted value, never to the template', () => {
    const content = '<p>Hi {{name}}, <b>{{code}}</b> {{missing}}</p>';
    expect(
      renderTemplate(content, { name: '<script>"x" & \'y\'</script>', code: 1 }, escapeHtml),
    ).toBe(
      '<p>Hi &lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;, <b>1</b> {{missing}}</p>',
    );
  });

  it('does not substitute twice: a value that looks like a placeholder stays literal', () => {
    expect(renderTemplate('{{a}} {{b}}', { a: '{{b}}', b: 'B' })).toBe('{{b}} B');
  });
});

describe('allowedValues', () => {
  const values = {
    code: '123456',
    ttlMinutes: 10,
    verified: true,
    user: { name: 'Ada', secretHash: 'x', nested: { deep: 1 } },
    locale: 'en',
    nothing: null,
  };

  it('returns only the listed printable paths, as strings', () => {
    expect(
      allowedValues(values, ['code', 'ttlMinutes', 'verified', 'user.name', 'user.nested.deep']),
    ).toEqual({
      code: '123456',
      ttlMinutes: '10',
      verified: 'true',
      'user.name': 'Ada',
      'user.nested.deep': '1',
    });
  });

  it('skips listed paths that are missing, null, objects or inherited', () => {
    expect(
      allowedValues(values, ['missing', 'nothing', 'user', 'user.nested', 'toString', '__proto__']),
    ).toEqual({});
  });

  it('skips a listed path that is only inherited', () => {
    const user = Object.assign(Object.create({ role: 'admin' }) as object, { name: 'Ada' });
    expect(allowedValues({ user }, ['user.name', 'user.role'])).toEqual({ 'user.name': 'Ada' });
  });

  it('sends nothing that is not listed', () => {
    expect(Object.keys(allowedValues(values, ['code']))).toEqual(['code']);
    expect(allowedValues(values, [])).toEqual({});
  });
});

describe('payloadLocale', () => {
  it.each([
    [{ locale: 'de-DE', uiLocales: 'fr en' }, 'de-DE'],
    [{ uiLocales: 'fr-CA en' }, 'fr-CA'],
    [{ uiLocales: '  ja  ko ' }, 'ja'],
    [{ locale: '  ', uiLocales: 'fr' }, 'fr'],
    [{ locale: '', uiLocales: 'fr' }, 'fr'],
    [{ uiLocales: '   ' }, undefined],
    [{ locale: 42, uiLocales: ['fr'] }, undefined],
    [{ code: '123456' }, undefined],
  ])('reads %j as %j', (payload, expected) => {
    expect(payloadLocale(payload)).toBe(expected);
  });
});

describe('templateValues', () => {
  it('adds the default ttlMinutes of 10 unless the payload has one', () => {
    expect(templateValues({ code: '1' })).toEqual({ code: '1', ttlMinutes: 10 });
    expect(templateValues({ code: '1' }, 5)).toEqual({ code: '1', ttlMinutes: 5 });
    expect(templateValues({ code: '1', ttlMinutes: 3 }, 5)).toEqual({ code: '1', ttlMinutes: 3 });
  });
});

describe('defaultSmsTemplates', () => {
  it('has one template for each of the nine usage types', () => {
    expect(usageTypes).toHaveLength(9);
    expect(defaultSmsTemplates.map((template) => template.usageType).sort()).toEqual(
      [
        'BindMfa',
        'BindNewIdentifier',
        'ForgotPassword',
        'Generic',
        'MfaVerification',
        'OrganizationInvitation',
        'Register',
        'SignIn',
        'UserPermissionValidation',
      ].sort(),
    );
  });

  it('passes the shared templates guard', () => {
    expect(templatesGuard(smsTemplateGuard).safeParse(defaultSmsTemplates).success).toBe(true);
  });

  it.each(defaultSmsTemplates.map((template) => [template.usageType, template.content]))(
    '%s renders with nothing left unfilled',
    (usageType, content) => {
      const text = renderTemplate(
        content,
        templateValues({ code: '123456', link: 'https://example.com/invite' }),
      );
      expect(text).not.toMatch(/{{|}}/);
      expect(text).toContain(usageType === 'OrganizationInvitation' ? 'https://' : '123456');
    },
  );
});
