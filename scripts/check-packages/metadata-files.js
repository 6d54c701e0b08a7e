// The "metadata files" check: the files named in metadata (logo, logoDark, readme, configTemplate)
// are in the tarball, and parseMetadata resolved them.
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * What one metadata field gives: a problem, or a fact for the PASS line.
 *
 * @typedef {{ problem: string } | { fact: string }} Finding
 */

/** Is `file` (relative to the package folder, as metadata gives it) a file inside the package? */
const fileInside = (packageDirectory, file) => {
  const resolved = path.join(packageDirectory, file);
  const relative = path.relative(packageDirectory, resolved);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    return { ok: false, why: `${file} points outside the package` };
  }
  return existsSync(resolved)
    ? { ok: true, relative }
    : { ok: false, why: `${file} is not in the tarball` };
};

/** @returns {Finding} */
const inspectLogo = ({ raw, parsed }, addedDirectory) => {
  const logoFile =
    typeof raw.logo === 'string' && !raw.logo.startsWith('http')
      ? fileInside(addedDirectory, raw.logo)
      : undefined;
  if (!raw.logo) {
    return { problem: 'metadata.logo is empty' };
  }
  if (logoFile && !logoFile.ok) {
    return { problem: `logo ${logoFile.why}` };
  }
  if (typeof parsed.logo !== 'string' || !parsed.logo.startsWith('data:image/')) {
    return {
      problem: raw.logo.startsWith('http')
        ? `logo is a remote URL (${raw.logo}); ship the logo file in the package`
        : `parseMetadata did not turn logo ${raw.logo} into a data: URI (only .svg and .png are read)`,
    };
  }
  return { fact: `logo ${logoFile.relative} → ${parsed.logo.split(';')[0]}` };
};

/** @returns {Finding | undefined} */
const inspectLogoDark = ({ raw, parsed }) => {
  if (!raw.logoDark) {
    return undefined;
  }
  if (typeof parsed.logoDark !== 'string' || !parsed.logoDark.startsWith('data:image/')) {
    return { problem: `parseMetadata did not turn logoDark ${raw.logoDark} into a data: URI` };
  }
  return { fact: `logoDark → ${parsed.logoDark.split(';')[0]}` };
};

/** @returns {Finding} */
const inspectReadme = ({ raw, parsed }, addedDirectory) => {
  const readmeFile =
    typeof raw.readme === 'string' && raw.readme
      ? fileInside(addedDirectory, raw.readme)
      : undefined;
  if (!raw.readme) {
    return { problem: 'metadata.readme is empty' };
  }
  if (!readmeFile.ok) {
    return { problem: `readme ${readmeFile.why}; the Console would show the path as text` };
  }
  if (parsed.readmeIsRawPath || !parsed.readmeLength) {
    return { problem: `parseMetadata did not read readme ${raw.readme} into text` };
  }
  return { fact: `readme ${readmeFile.relative} → ${parsed.readmeLength} characters of text` };
};

/** @returns {Finding | undefined} */
const inspectConfigTemplate = ({ raw, parsed }) =>
  raw.configTemplate && parsed.configTemplateIsRawPath
    ? { problem: `configTemplate ${raw.configTemplate} is not in the tarball` }
    : undefined;

/**
 * @param {import('./report.js').Report} report
 * @param {{ raw: Record<string, any>, parsed: Record<string, any> }} loaded the load worker's
 *   result: metadata as the package exports it, and as parseMetadata turned it
 * @param {string} addedDirectory where `logto connector add` put the package
 */
export const checkMetadataFiles = (report, loaded, addedDirectory) => {
  const findings = [
    inspectLogo(loaded, addedDirectory),
    inspectLogoDark(loaded),
    inspectReadme(loaded, addedDirectory),
    inspectConfigTemplate(loaded),
  ].filter(Boolean);
  const fileProblems = findings.flatMap((finding) =>
    'problem' in finding ? [finding.problem] : [],
  );
  const fileFacts = findings.flatMap((finding) => ('fact' in finding ? [finding.fact] : []));
  if (fileProblems.length > 0) {
    report.fail('metadata files', fileProblems.join('; '));
  } else {
    report.pass('metadata files', `${fileFacts.join(', ')} (parseMetadata)`);
  }
};
