// Turns one run into the console table and bench/RESULTS.md. Ratios are Switchboard / official:
// below 1 means Switchboard is faster or smaller.

const us = (value) => (Number.isFinite(value) ? `${Math.round(value)}` : '—');
const ms = (value) => (Number.isFinite(value) ? value.toFixed(1) : '—');
const kib = (value) => (Number.isFinite(value) ? (value / 1024).toFixed(1) : '—');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : Number.NaN);
const fixed2 = (value) => (Number.isFinite(value) ? value.toFixed(2) : '—');

/**
 * The rows of the results table: provider, figure, Switchboard, official, ratio, target, verdict.
 * @returns {string[][]}
 */
const tableRows = (report) => {
  const rows = [];
  for (const connector of report.ready) {
    const result = report.results[connector.provider];
    const operation = connector.bench.operation;
    const add = (figure, sb, official, format, target) => {
      const value = ratio(sb, official);
      rows.push([
        connector.provider,
        figure,
        format(sb),
        format(official),
        fixed2(value),
        target === undefined ? '' : `≤ ${target}`,
        target === undefined || !Number.isFinite(value) ? '' : value <= target ? 'met' : 'missed',
      ]);
    };
    const time = result.time ?? {};
    const { switchboard: sb = {}, official = {}, floor = {}, floorHttps = {} } = time;
    if (result.error || sb.error || official.error) {
      rows.push([
        connector.provider,
        `${operation}: not measured (see the notes)`,
        '—',
        '—',
        '',
        '',
        '',
      ]);
    } else {
      const calls = connector.bench.floor.length;
      const floorNote = `floor: got ${us(floor.median)}, node:https ${us(floorHttps.median)}${calls > 1 ? `, ${calls} requests` : ''}`;
      add(
        `${operation} median, µs (${floorNote})`,
        sb.median,
        official.median,
        us,
        connector.bench.target,
      );
      add(`${operation} p90, µs`, sb.p90, official.p90, us);
      add(
        `${operation} median above the got floor, µs`,
        sb.median - floor.median,
        official.median - floor.median,
        us,
      );
      add(`client process CPU per ${operation} (mean), µs`, sb.cpuPerCall, official.cpuPerCall, us);
    }
    const cold = result.cold ?? {};
    if (cold.switchboard?.error || cold.official?.error) {
      rows.push([
        connector.provider,
        'cold import: not measured (see the notes)',
        '—',
        '—',
        '',
        '',
        '',
      ]);
    } else if (cold.switchboard) {
      add(
        'cold import, ms above an empty ESM entry',
        cold.switchboard.aboveEmptyEntry,
        cold.official.aboveEmptyEntry,
        ms,
        0.8,
      );
      add(
        "cold import, ms above `node -e ''`",
        cold.switchboard.aboveBare,
        cold.official.aboveBare,
        ms,
      );
      add(
        'cold import, process CPU ms above an empty entry',
        cold.switchboard.cpuAboveEmptyEntry,
        cold.official.cpuAboveEmptyEntry,
        ms,
      );
      add(
        'import with got, zod, kit loaded, ms',
        cold.switchboard.shared,
        cold.official.shared,
        ms,
      );
    }
    const size = result.size;
    if (size) {
      add('lib/ JavaScript, KiB', size.switchboard.libJs, size.official.libJs, kib);
      add('lib/ all files (maps, types), KiB', size.switchboard.libAll, size.official.libAll, kib);
      add('package as installed, KiB', size.switchboard.own, size.official.own, kib);
      add(
        'package + production dependencies, KiB',
        size.switchboard.withDependencies,
        size.official.withDependencies,
        kib,
      );
      add(
        'package + dependencies Logto lacks, KiB',
        size.switchboard.beyondLogto,
        size.official.beyondLogto,
        kib,
      );
    }
  }
  return rows;
};

const header = ['provider', 'figure', 'Switchboard', 'official', 'SB / official', 'target', ''];
const rightAligned = [false, false, true, true, true, false, false];

const width = (text) => [...text].length;
const pad = (text, size, right) =>
  right ? ' '.repeat(size - width(text)) + text : text + ' '.repeat(size - width(text));

export const renderConsole = (report) => {
  const rows = [header, ...tableRows(report)];
  const widths = header.map((_, column) =>
    Math.max(...rows.map((row) => width(row[column] ?? ''))),
  );
  const line = (row) =>
    row
      .map((cell, column) => pad(cell ?? '', widths[column], rightAligned[column]))
      .join('  ')
      .trimEnd();
  const out = [
    line(rows[0]),
    widths.map((size) => '-'.repeat(size)).join('  '),
    ...rows.slice(1).map(line),
  ];
  for (const connector of report.ready) {
    for (const note of report.results[connector.provider].notes)
      out.push(`${connector.provider}: ${note}`);
  }
  for (const { folder, reason } of report.skipped)
    out.push(`${folder}: not benchmarked yet: ${reason}`);
  return out.join('\n');
};

/** A markdown table laid out the way prettier lays it out. */
const markdownTable = (head, rows, right) => {
  const all = [head, ...rows];
  const widths = head.map((_, column) =>
    Math.max(3, ...all.map((row) => width(row[column] ?? ''))),
  );
  const line = (row) =>
    `| ${row.map((cell, column) => pad(cell ?? '', widths[column], right[column])).join(' | ')} |`;
  const rule = `| ${widths.map((size, column) => (right[column] ? `${'-'.repeat(size - 1)}:` : '-'.repeat(size))).join(' | ')} |`;
  return [line(head), rule, ...rows.map(line)].join('\n');
};

const escapeCell = (text) => String(text).replaceAll('|', '\\|');

const profileSection = (title, profiles, unit) => {
  const { switchboard, official } = profiles;
  if (!switchboard || !official) return [];
  const format = unit === 'ms' ? (value) => (value / 1000).toFixed(1) : (value) => value.toFixed(1);
  const lines = [`### ${title}`, ''];
  lines.push(
    `Busy (non-idle) time per ${unit === 'ms' ? 'process' : 'call'}: Switchboard ${format(switchboard.busyPerCall)} ${unit}, official ${format(official.busyPerCall)} ${unit}.`,
    '',
  );
  const areas = new Map();
  for (const [name, profile] of [
    ['switchboard', switchboard],
    ['official', official],
  ]) {
    for (const { area, perCall } of profile.areas) {
      areas.set(area, { ...areas.get(area), [name]: perCall });
    }
  }
  const areaRows = [...areas.entries()]
    .map(([area, value]) => [area, value.switchboard ?? 0, value.official ?? 0])
    .sort((a, b) => Math.max(b[1], b[2]) - Math.max(a[1], a[2]))
    .slice(0, 12)
    .map(([area, sb, off]) => [escapeCell(area), format(sb), format(off), format(sb - off)]);
  lines.push(
    markdownTable(
      [`self time by area, ${unit}`, 'Switchboard', 'official', 'difference'],
      areaRows,
      [false, true, true, true],
    ),
    '',
  );
  for (const [name, profile] of [
    ['Switchboard', switchboard],
    ['official', official],
  ]) {
    const rows = profile.functions
      .slice(0, 12)
      .map((entry) => [
        escapeCell(entry.name),
        escapeCell(entry.area),
        format(entry.perCall),
        `${(entry.share * 100).toFixed(1)}%`,
      ]);
    lines.push(
      `Top self time, ${name}:`,
      '',
      markdownTable(['function', 'area', unit, 'share'], rows, [false, false, true, true]),
      '',
    );
  }
  return lines;
};

export const renderMarkdown = (report) => {
  const { machine, settings } = report;
  const lines = [
    '# Benchmark results',
    '',
    '<!-- Generated by `pnpm bench` (bench/src/run.js); edits are overwritten by the next run. -->',
    '',
    `Ratios are Switchboard / official, measured in the same run: below 1 means Switchboard is faster or smaller. How each figure is measured: [README.md](README.md). Targets are reported, never asserted.`,
    '',
    `- Date: ${report.date}`,
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB.toFixed(0)} GiB, ${machine.os}`,
    `- Node: ${report.node} (the official packages declare \`engines.node\` ^22.14; they run on it unchanged)`,
    `- Commit: ${report.commit ?? 'unknown'} (plus whatever the working tree had)`,
    `- Calls: ${settings.warmup} warm-up, then ${settings.calls} timed calls per connector and for the floor, one at a time, interleaved in ${settings.rounds} rounds`,
    `- Fake provider: HTTPS on 127.0.0.1:${report.fakePort ?? '—'}, keep-alive, provider hosts resolved to it in the measuring child${
      report.fakeTraffic
        ? `; it answered ${report.fakeTraffic.requests} requests over ${report.fakeTraffic.connections} TLS connections`
        : ''
    }`,
    `- Cold import: median of ${settings.coldRuns} fresh processes; baselines \`node -e ''\` ${ms(report.baselines.bare)} ms, empty ESM entry ${ms(report.baselines.emptyEntry)} ms`,
    `- Logto's shared dependencies alone (in-process import in a fresh process, median): ${
      report.sharedDeps
        ? `${ms(report.sharedDeps.total)} ms (${Object.entries(report.sharedDeps)
            .filter(([name]) => name !== 'total')
            .map(([name, value]) => `${name} ${ms(value)}`)
            .join(', ')})`
        : '—'
    }; both connectors pay this in a fresh process`,
    `- Load average (1 min) at start / end: ${report.load.start[0].toFixed(2)} / ${report.load.end[0].toFixed(2)}${
      Math.max(report.load.start[0], report.load.end[0]) > machine.cores
        ? ` — **the machine was busy with other work during this run; absolute figures are inflated and noisier, ratios less so (all variants are interleaved)**`
        : ''
    }`,
    `- Whole run: ${report.durationSeconds.toFixed(0)} s`,
    '',
    '## Results',
    '',
  ];
  const rows = tableRows(report).map((row) => row.map(escapeCell));
  if (rows.length > 0) lines.push(markdownTable(header, rows, rightAligned), '');
  else lines.push('No connector was ready to benchmark.', '');

  const versions = report.ready.map(
    (connector) =>
      `- ${connector.provider}: ${connector.name} ${connector.version} (built lib/) vs ${connector.bench.official} ${connector.officialVersion}`,
  );
  if (versions.length > 0) lines.push('Packages compared:', '', ...versions, '');

  if (report.skipped.length > 0) {
    lines.push('## Not benchmarked yet', '');
    for (const { folder, reason } of report.skipped) lines.push(`- ${folder}: ${reason}`);
    lines.push('');
  }

  const notes = report.ready.flatMap((connector) => {
    const result = report.results[connector.provider];
    const failures = Object.entries(result.time ?? {})
      .filter(([, figures]) => figures.failures)
      .map(
        ([name, figures]) => `${name} had ${figures.failures} failed calls (${figures.lastError})`,
      );
    return [...result.notes, ...failures].map((note) => `- ${connector.provider}: ${note}`);
  });
  if (notes.length > 0) lines.push('## Notes', '', ...notes, '');

  const profiled = report.ready.filter(
    (connector) =>
      report.results[connector.provider].profiles ||
      report.results[connector.provider].coldProfiles,
  );
  if (profiled.length > 0) {
    lines.push(
      '## Where the time goes',
      '',
      'CPU profiles (V8 sampling profiler, 50 µs interval) of the measuring child, taken where a target was missed (or with `BENCH_PROFILE=always`). Self time only, idle excluded; frames in a bundled `lib/index.js` are mapped to their original source through its source map. Profiles are in `bench/.tmp/profiles/`.',
      '',
    );
    for (const connector of profiled) {
      const result = report.results[connector.provider];
      if (result.profiles) {
        lines.push(
          ...profileSection(
            `${connector.provider}: ${connector.bench.operation}, per call`,
            result.profiles,
            'µs',
          ),
        );
      }
      if (result.coldProfiles) {
        lines.push(
          ...profileSection(
            `${connector.provider}: import and factory, got, zod and kit already loaded (mean of 3 processes)`,
            result.coldProfiles,
            'ms',
          ),
        );
      }
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
};
