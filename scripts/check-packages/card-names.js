// The "card name" check: the Console's "set up" cards show about 18 characters of a connector's
// name and then "…" (shared/reference/logto-console.md), beside Logto's own card for the same
// provider ("Twilio SMS (Switchboard)" showed as "Twilio SMS…" next to "Twilio SMS Service").
// In every language a name is shipped in:
// - "Switchboard" is whole within the visible part, so the card tells itself apart from Logto's;
// - the visible parts of our connectors differ from each other;
// - a name written in Latin letters is the English name: the provider is called one thing
//   everywhere (Aliyun was "Aliyun SMS" in English and "Alibaba Cloud SMS" elsewhere). Names in
//   other scripts (支付宝, 알리페이) may write the provider in that script.
// The visible part is counted in columns: a CJK or Hangul character is as wide as two Latin ones.
export const visibleColumns = 18;
export const brand = 'Switchboard';

/** East Asian wide characters (CJK, Hangul, kana, full-width forms) take two columns. */
const isWide = (char) =>
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA960-\uA97F\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(
    char,
  );

/** The part of `name` a card shows before "…". */
export const visiblePart = (name) => {
  let columns = 0;
  let shown = '';
  for (const char of name) {
    columns += isWide(char) ? 2 : 1;
    if (columns > visibleColumns) break;
    shown += char;
  }
  return shown;
};

const isLatin = (name) => /^[\p{Script=Latin}\p{N}\p{P}\p{Zs}]+$/u.test(name);

/**
 * The problems with one package's names, given every package's names (for the duplicates).
 *
 * @param {Record<string, string>} names metadata.name, by language
 * @param {{ package: string, names: Record<string, string> }[]} others the other packages' names
 * @returns {string[]}
 */
export const cardNameProblems = (names, others) => {
  const problems = [];
  const english = names.en;
  // Languages that share a name are reported together.
  const languagesByName = new Map();
  for (const [language, name] of Object.entries(names ?? {})) {
    languagesByName.set(name, [...(languagesByName.get(name) ?? []), language]);
  }
  for (const [name, languages] of languagesByName) {
    const which = languages.join(', ');
    const shown = visiblePart(name);
    if (!shown.includes(brand)) {
      problems.push(
        `${which} "${name}" shows as "${shown}…": "${brand}" is not in the part a card shows, so the card looks like Logto's own`,
      );
    }
    for (const other of others) {
      const clash = languages.filter((language) => {
        const otherName = other.names[language] ?? other.names.en;
        return otherName !== undefined && visiblePart(otherName) === shown;
      });
      if (clash.length > 0) {
        problems.push(
          `${clash.join(', ')} "${name}" shows as "${shown}…", as ${other.package} does`,
        );
      }
    }
    if (name !== english && isLatin(name)) {
      problems.push(
        `${which} "${name}" differs from en "${english}": name the provider the same way in every language written in Latin letters`,
      );
    }
  }
  return problems;
};

/**
 * @param {import('./report.js').Report[]} reports
 * @param {Map<import('./report.js').Report, Record<string, any>>} loadedById each loaded
 *   package's load worker result
 */
export const checkCardNames = (reports, loadedById) => {
  const named = reports
    .filter((report) => loadedById.get(report)?.raw?.name)
    .map((report) => ({ report, names: loadedById.get(report).raw.name }));
  for (const { report, names } of named) {
    const others = named
      .filter((other) => other.report !== report)
      .map((other) => ({ package: other.report.name, names: other.names }));
    const problems = cardNameProblems(names, others);
    if (problems.length > 0) {
      report.fail('card name', problems.join('; '));
    } else {
      report.pass(
        'card name',
        `cards show "${visiblePart(names.en)}…" or less in all ${Object.keys(names).length} languages: "${brand}" in view, unlike any other card`,
      );
    }
  }
};
