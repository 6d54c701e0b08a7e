// The Console groups social connectors by target: with target `alipay` kept (so users' Alipay
// identities carry over), it shows one Alipay card and a platform choice "Native, Web, Native"
// labelled by platform only. The guides must say which option is this connector, for a new install
// and for a migration from Logto's Alipay Native, and how to be sure (the guide title).
import { readFileSync } from 'node:fs';

import { buildConnector } from '@switchboard/core/testing';
import { describe, expect, it } from 'vitest';

import createConnector from './index.js';

const read = (file: string) =>
  readFileSync(new URL(`../${file}`, import.meta.url), 'utf8').replace(/\s+/g, ' ');

/** The Console's guide shows the README's title as "README: <title>". */
const guideTitle = () => {
  const title = /^# (.+)$/m.exec(readFileSync(new URL('../README.md', import.meta.url), 'utf8'));
  return `README: ${title?.[1]}`;
};

describe('the Console platform choice', () => {
  it('keeps the official target and platform the guides rely on', async () => {
    const connector = await buildConnector(createConnector);
    expect(connector.metadata).toMatchObject({ target: 'alipay', platform: 'Native' });
  });

  it.each([
    ['README.md', ['last Native', 'New install', 'Migrating from Logto’s Alipay Native']],
    ['README.es.md', ['último Native', 'Instalación nueva', 'Migración desde el Alipay Native']],
    [
      'README.fr.md',
      ['dernier Native', 'Nouvelle installation', 'Migration depuis l’Alipay Native'],
    ],
  ])(
    '%s says which "Native" to pick, new or migrating, and how to recognise it',
    (file, phrases) => {
      const text = read(file).replaceAll("'", '’');
      expect(text).toContain('Native, Web, Native');
      expect(text).toContain(guideTitle());
      expect(guideTitle()).toBe('README: Alipay native connector (Switchboard)');
      for (const phrase of phrases) expect(text).toContain(phrase);
    },
  );
});
