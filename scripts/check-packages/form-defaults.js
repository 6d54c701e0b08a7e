// The "form defaults" check: the connector's configGuard accepts the defaults its form shows and
// asks only for keys the form has (the load worker works this out; this reports it).

/**
 * @param {import('./report.js').Report} report
 * @param {{ formDefaults: { ok: boolean, defaults?: string[], reasons?: string[], notes?: string[] } }} loaded
 *   the load worker's result
 */
export const checkFormDefaults = (report, { formDefaults }) => {
  if (formDefaults.ok) {
    report.pass(
      'form defaults',
      formDefaults.defaults.length > 0
        ? `configGuard accepts the defaults of ${formDefaults.defaults.join(', ')}; it only asks for keys the form has`
        : 'no formItem has a defaultValue; configGuard only asks for keys the form has',
    );
  } else {
    report.fail('form defaults', formDefaults.reasons.join('; '));
  }
  for (const note of formDefaults.notes ?? []) {
    report.note('form defaults', note);
  }
};
