// Turns one run into the console table and bench/RESULTS.md. Ratios are Switchboard / official:
// below 1 means Switchboard is faster or smaller.
import { targets } from './targets.js';

const us = (value) => (Number.isFinite(value) ? `${Math.round(value)}` : '—');
const ms = (value) => (Number.isFinite(value) ? value.toFixed(1) : '—');
const kib = (value) => (Number.isFinite(value) ? (value / 1024).toFixed(1) : '—');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : Number.NaN);
const fixed2 = (value) => (Number.isFinite(value) ? value.toFixed(2) : '—');
const load1 = (load) => load.map((value) => value.toFixed(2)).join(' / ');

/**
 * A target: a number is a ratio (Switchboard / official ≤ it); `{ below, unit }` is an absolute
 * bound on Switchboard's own figure.
 * @typedef {number | { below: number, unit: string }} Target
 */
const targetText = (target) =>
  target === undefined
    ? ''
    : typeof target === 'number'
      ? `≤ ${target}`
      : `SB < ${target.below} ${target.unit}`;
const verdict = (target, sb, value) => {
  if (target === undefined) return '';
  const checked = typeof target === 'number' ? value : sb;
  if (!Number.isFinite(checked)) return '';
  return (typeof target === 'number' ? checked <= target : checked < target.below)
    ? 'met'
    : 'missed';
};

/**
 * The rows of the results table: provider, figure, Switchboard, official, ratio, target, verdict.
 * @returns {string[][]}
 */
const tableRows = (report) => {
  const rows = [];
  for (const connector of report.ready) {
    const result = report.results[connector.provider];
    const operation = connector.bench.operation;
    const add = addRow(rows, connector.provider);
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
        targets.overheadRatio,
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
        targets.coldImportRatio,
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
    const startup = result.startup ?? {};
    if (startup.switchboard?.error || startup.official?.error) {
      rows.push([
        connector.provider,
        'startup: not measured (see the notes)',
        '—',
        '—',
        '',
        '',
        '',
      ]);
    } else if (startup.switchboard?.heap !== undefined) {
      const sms = startup.switchboard.types?.includes('Sms');
      add(
        'startup heap growth after GC (got, zod, kit loaded), KiB',
        startup.switchboard.heap,
        startup.official.heap,
        kib,
        sms ? targets.startupHeapSmsRatio : undefined,
      );
      add(
        'startup import + factory (got, zod, kit loaded), ms',
        startup.switchboard.ms,
        startup.official.ms,
        ms,
      );
    }
    const firstSend = result.firstSend ?? {};
    if (firstSend.switchboard?.error || firstSend.official?.error) {
      rows.push([
        connector.provider,
        `first ${operation}: not measured (see the notes)`,
        '—',
        '—',
        '',
        '',
        '',
      ]);
    } else if (firstSend.switchboard && firstSend.official) {
      add(
        `first ${operation} after startup, ms`,
        firstSend.switchboard.first,
        firstSend.official.first,
        ms,
      );
      add(
        `second ${operation}, same process, ms`,
        firstSend.switchboard.second,
        firstSend.official.second,
        ms,
      );
      add(
        `one-time cost of the first ${operation} (first − second), ms`,
        firstSend.switchboard.oneTime,
        firstSend.official.oneTime,
        ms,
        { below: targets.firstSendOneTimeMs, unit: 'ms' },
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
  const all = report.startupAll;
  if (all?.switchboard && all?.official && !all.switchboard.error && !all.official.error) {
    const add = addRow(rows, `all ${all.count}`);
    add(
      'startup heap growth after GC (got, zod, kit loaded), KiB',
      all.switchboard.heap,
      all.official.heap,
      kib,
      targets.startupHeapAllRatio,
    );
    add(
      'startup import + factory (got, zod, kit loaded), ms',
      all.switchboard.ms,
      all.official.ms,
      ms,
      targets.startupTimeAllRatio,
    );
    // What loading them together saves over the sum of each alone: code they share.
    const aloneSum = (variant) =>
      report.ready.reduce(
        (sum, connector) =>
          sum + (report.results[connector.provider].startup?.[variant]?.heap ?? Number.NaN),
        0,
      );
    add(
      'startup heap, sum of each connector alone, KiB',
      aloneSum('switchboard'),
      aloneSum('official'),
      kib,
    );
  }
  return rows;
};

/**
 * The router's rows: its routed send beside the direct one, and its startup beside the connectors
 * it bundles (the ones an administrator would otherwise install separately).
 * @returns {string[][]}
 */
const routerRows = (report) => {
  const rows = [];
  for (const router of report.routers ?? []) {
    const result = report.routerResults[router.provider];
    const add = addRow(rows, router.provider);
    const operation = router.bench.operation;
    const direct = router.bench.direct;
    const { routed = {}, direct: alone = {}, floor = {}, floorHttps = {} } = result.time ?? {};
    if (result.error || routed.error || alone.error) {
      rows.push([
        router.provider,
        `${operation}: not measured (see the notes)`,
        '—',
        '—',
        '',
        '',
        '',
      ]);
    } else {
      add(
        `${operation} median, µs: routed to ${direct} / ${direct} direct (floor: got ${us(floor.median)}, node:https ${us(floorHttps.median)})`,
        routed.median,
        alone.median,
        us,
        targets.routedSendRatio,
      );
      add(`${operation} p90, µs`, routed.p90, alone.p90, us);
      add(
        `${operation} median above the got floor, µs`,
        routed.median - floor.median,
        alone.median - floor.median,
        us,
      );
      add(
        `client process CPU per ${operation} (mean), µs`,
        routed.cpuPerCall,
        alone.cpuPerCall,
        us,
      );
    }
    const startup = result.startup;
    if (!startup?.router || startup.router.error) continue;
    const names = router.bundled.map(({ provider }) => provider).join(' + ');
    const sum = (key) =>
      router.bundled.reduce(
        (total, { provider }) => total + (startup.alone[provider]?.[key] ?? Number.NaN),
        0,
      );
    add(
      `startup heap growth after GC (got, zod, kit loaded), KiB: router / ${names}, each alone, summed`,
      startup.router.heap,
      sum('heap'),
      kib,
      targets.routerStartupHeapRatio,
    );
    add(
      `startup heap growth, KiB: router / ${names} in one process`,
      startup.router.heap,
      startup.together?.heap,
      kib,
    );
    add(
      `startup import + factory (got, zod, kit loaded), ms: router / ${names}, each alone, summed`,
      startup.router.ms,
      sum('ms'),
      ms,
    );
    add(
      `startup import + factory, ms: router / ${names} in one process`,
      startup.router.ms,
      startup.together?.ms,
      ms,
    );
  }
  return rows;
};

/** A function that appends one row: figure, both values, their ratio, the target and verdict. */
const addRow =
  (rows, provider) =>
  /** @param {Target} [target] */
  (figure, sb, official, format, target) => {
    const value = ratio(sb, official);
    rows.push([
      provider,
      figure,
      format(sb),
      format(official),
      fixed2(value),
      targetText(target),
      verdict(target, sb, value),
    ]);
  };

const header = ['provider', 'figure', 'Switchboard', 'official', 'SB / official', 'target', ''];
const routerHeader = ['router', 'figure', 'router', 'compared with', 'ratio', 'target', ''];
const rightAligned = [false, false, true, true, true, false, false];

const width = (text) => [...text].length;
const pad = (text, size, right) =>
  right ? ' '.repeat(size - width(text)) + text : text + ' '.repeat(size - width(text));

/** A plain-text table: the header, a rule, the rows. */
const consoleTable = (head, body) => {
  const rows = [head, ...body];
  const widths = head.map((_, column) => Math.max(...rows.map((row) => width(row[column] ?? ''))));
  const line = (row) =>
    row
      .map((cell, column) => pad(cell ?? '', widths[column], rightAligned[column]))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((size) => '-'.repeat(size)).join('  '), ...body.map(line)];
};

export const renderConsole = (report) => {
  const out = [
    `Node ${report.node}; ${report.machine.cores} cores; load average (1, 5, 15 min) at start ${load1(report.load.start)}, at end ${load1(report.load.end)}`,
  ];
  for (const [head, rows] of [
    [header, tableRows(report)],
    [routerHeader, routerRows(report)],
  ]) {
    if (rows.length > 0) out.push('', ...consoleTable(head, rows));
  }
  for (const connector of report.ready) {
    for (const note of report.results[connector.provider].notes)
      out.push(`${connector.provider}: ${note}`);
  }
  for (const note of report.startupAll?.notes ?? []) out.push(note);
  for (const router of report.routers ?? []) {
    for (const note of report.routerResults[router.provider].notes)
      out.push(`${router.provider}: ${note}`);
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

const profileSection = (title, profiles, unit, names = ['switchboard', 'official']) => {
  const [switchboard, official] = names.map((name) => profiles[name]);
  const labels = names.map((name) => (name === 'switchboard' ? 'Switchboard' : name));
  if (!switchboard || !official) return [];
  const format = unit === 'ms' ? (value) => (value / 1000).toFixed(1) : (value) => value.toFixed(1);
  const lines = [`### ${title}`, ''];
  lines.push(
    `Busy (non-idle) time per ${unit === 'ms' ? 'process' : 'call'}: ${labels[0]} ${format(switchboard.busyPerCall)} ${unit}, ${labels[1]} ${format(official.busyPerCall)} ${unit}.`,
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
    markdownTable([`self time by area, ${unit}`, ...labels, 'difference'], areaRows, [
      false,
      true,
      true,
      true,
    ]),
    '',
  );
  for (const [name, profile] of [
    [labels[0], switchboard],
    [labels[1], official],
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

/** The router beside the connectors it replaces. */
const routerSection = (report) => {
  const rows = routerRows(report);
  if (rows.length === 0) return [];
  const notes = (report.routers ?? []).flatMap((router) =>
    report.routerResults[router.provider].notes.map((note) => `- ${router.provider}: ${note}`),
  );
  return [
    '## SMS router',
    '',
    "The router has no official counterpart: it is measured against the Switchboard connectors it replaces. Its send, routed (one route, every country) to a provider, is timed beside that provider's own connector sending directly, with the same provider config, against the same fake, interleaved in one measuring child with the floors. Its startup figures (fresh `node --expose-gc`, got, zod and kit loaded, as above) are beside those of the connectors its bundle carries (read from its source map), each alone and summed, as an administrator would install them separately, and all in one process. Ratios are router / compared figure.",
    '',
    markdownTable(
      routerHeader,
      rows.map((row) => row.map(escapeCell)),
      rightAligned,
    ),
    '',
    ...(report.routers ?? []).map(
      (router) =>
        `- ${router.provider}: ${router.name} ${router.version} (built lib/) vs ${router.bench.direct} direct and ${router.bundled.map(({ provider }) => provider).join(', ')}`,
    ),
    ...notes,
    '',
  ];
};

/** Lazy chunks: what the startup figure leaves out and the first send loads. */
const startupSection = (report) => {
  const rows = [];
  for (const connector of report.ready) {
    const { switchboard: sb, official } = report.results[connector.provider].startup ?? {};
    if (!sb || sb.error || !official || official.error) continue;
    const chunks = sb.chunks;
    rows.push([
      connector.provider,
      sb.types?.join(', ') ?? '',
      kib(sb.entryBytes),
      kib(official.entryBytes),
      kib(sb.heap),
      kib(official.heap),
      chunks ? chunks.files.map(({ name }) => name).join(', ') : 'none',
      chunks ? kib(chunks.files.reduce((sum, { bytes }) => sum + bytes, 0)) : '—',
      chunks ? kib(chunks.heap) : '—',
      chunks ? kib(chunks.largeObjects) : '—',
      chunks ? ms(chunks.ms) : '—',
      chunks ? kib(sb.heap + chunks.heap) : kib(sb.heap),
    ]);
  }
  if (rows.length === 0) return [];
  return [
    '## Startup heap and lazy chunks',
    '',
    "The startup heap figure (fresh `node --expose-gc`, got, zod and kit loaded, `gc()` twice before and after importing and creating the connector) leaves out what a connector imports on first use. Here, per connector: the size of each `lib/index.js`, the startup figure, and the chunks Switchboard's `lib/index.js` imports lazily, imported afterwards in the same processes: their size on disk, the heap they add (of it, V8's large-object space, where a module's source text over about 128 KiB goes), their import time, and Switchboard's heap after them (what a process holds once its first send has run). Medians over the same fresh processes.",
    '',
    markdownTable(
      [
        'provider',
        'type',
        'SB lib/index.js, KiB',
        'official lib/index.js, KiB',
        'SB startup heap, KiB',
        'official startup heap, KiB',
        'SB lazy chunks',
        'on disk, KiB',
        'heap added, KiB',
        'of it large objects, KiB',
        'import, ms',
        'SB heap with chunks, KiB',
      ],
      rows.map((row) => row.map(escapeCell)),
      [false, false, true, true, true, true, false, true, true, true, true, true],
    ),
    '',
  ];
};

/** What the startup heap growth is made of, where a heap target was missed. */
const heapSection = (report) => {
  const analysed = [
    ...report.ready
      .filter((connector) => report.results[connector.provider].heapProfiles)
      .map((connector) => [connector.provider, report.results[connector.provider].heapProfiles]),
    ...(report.startupAll?.heapProfiles
      ? [[`all ${report.startupAll.count} together`, report.startupAll.heapProfiles]]
      : []),
  ];
  if (analysed.length === 0) return [];
  const lines = [
    '## Where the memory goes',
    '',
    'V8 heap snapshots of one startup process per variant (`node --expose-gc`, got, zod and kit loaded, `gc()` twice, snapshot; import and factory; `gc()` twice, snapshot), taken where a startup heap target was missed (or with `BENCH_PROFILE=always`): the objects in the second snapshot that were not in the first, by kind, self sizes in KiB. Native (C++) objects are left out, as heapUsed leaves them out. "Module source text" is the source string V8 keeps for each module (one byte per character, two when the file has any character beyond Latin-1).',
    '',
  ];
  for (const [title, profiles] of analysed) {
    const { switchboard: sb, official } = profiles;
    if (!sb?.startup || !official?.startup) continue;
    const kinds = new Map();
    for (const [name, profile] of [
      ['switchboard', sb.startup],
      ['official', official.startup],
    ]) {
      for (const { kind, bytes } of profile.kinds)
        kinds.set(kind, { ...kinds.get(kind), [name]: bytes });
    }
    const rows = [...kinds.entries()]
      .map(([kind, value]) => [kind, value.switchboard ?? 0, value.official ?? 0])
      .sort((a, b) => Math.max(b[1], b[2]) - Math.max(a[1], a[2]))
      .map(([kind, a, b]) => [escapeCell(kind), kib(a), kib(b), kib(a - b)]);
    rows.push([
      'total',
      kib(sb.startup.total),
      kib(official.startup.total),
      kib(sb.startup.total - official.startup.total),
    ]);
    const sourceList = (profile) =>
      profile.sources
        .slice(0, 6)
        .map(
          ({ script, bytes, onDisk }) =>
            `\`${script}\` ${kib(bytes)}${onDisk && bytes > onDisk * 1.5 ? ` (two-byte: ${kib(onDisk)} on disk)` : ''}`,
        )
        .join(', ');
    lines.push(
      `### ${title}: startup`,
      '',
      markdownTable(['kind, KiB', 'Switchboard', 'official', 'difference'], rows, [
        false,
        true,
        true,
        true,
      ]),
      '',
      `- zod schemas created: Switchboard ${sb.startup.zodSchemas}, official ${official.startup.zodSchemas}`,
      `- module source text, largest: Switchboard ${sourceList(sb.startup) || '—'}; official ${sourceList(official.startup) || '—'}`,
      '',
    );
    if (sb.chunks) {
      const chunkRows = sb.chunks.kinds
        .slice(0, 6)
        .map(({ kind, bytes }) => [escapeCell(kind), kib(bytes)]);
      chunkRows.push(['total', kib(sb.chunks.total)]);
      lines.push(
        `### ${title}: Switchboard's lazy chunks, loaded after startup`,
        '',
        markdownTable(['kind', 'KiB'], chunkRows, [false, true]),
        '',
        `- module source text: ${sourceList(sb.chunks) || '—'}`,
        '',
      );
    }
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
    `- Startup and first call: median of ${settings.startupRuns} fresh processes per variant, interleaved; startup with got, zod and \`@logto/connector-kit\` loaded first, heap after two \`gc()\``,
    `- Load average (1, 5, 15 min) at start ${load1(report.load.start)}, at end ${load1(report.load.end)}${
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
  else if ((report.routers ?? []).length === 0)
    lines.push('No connector was ready to benchmark.', '');

  const versions = report.ready.map(
    (connector) =>
      `- ${connector.provider}: ${connector.name} ${connector.version} (built lib/) vs ${connector.bench.official} ${connector.officialVersion}`,
  );
  if (versions.length > 0) lines.push('Packages compared:', '', ...versions, '');
  lines.push(...routerSection(report));

  if (report.skipped.length > 0) {
    lines.push('## Not benchmarked yet', '');
    for (const { folder, reason } of report.skipped) lines.push(`- ${folder}: ${reason}`);
    lines.push('');
  }

  lines.push(...startupSection(report));

  const notes = report.ready.flatMap((connector) => {
    const result = report.results[connector.provider];
    const failures = Object.entries(result.time ?? {})
      .filter(([, figures]) => figures.failures)
      .map(
        ([name, figures]) => `${name} had ${figures.failures} failed calls (${figures.lastError})`,
      );
    return [...result.notes, ...failures].map((note) => `- ${connector.provider}: ${note}`);
  });
  notes.push(...(report.startupAll?.notes ?? []).map((note) => `- ${note}`));
  if (notes.length > 0) lines.push('## Notes', '', ...notes, '');

  const profiled = report.ready.filter(
    (connector) =>
      report.results[connector.provider].profiles ||
      report.results[connector.provider].coldProfiles ||
      report.results[connector.provider].firstProfiles,
  );
  if (profiled.length > 0) {
    lines.push(
      '## Where the time goes',
      '',
      'CPU profiles (V8 sampling profiler, 50 µs interval) of the timed calls (a measuring child per connector), of the import (fresh processes) and of the first call after startup (fresh processes, one connector each), taken where the corresponding target was missed (or with `BENCH_PROFILE=always`). Self time only, idle excluded; frames in a bundled `lib/index.js` are mapped to their original source through its source map. Profiles are in `bench/.tmp/profiles/`.',
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
      if (result.firstProfiles) {
        lines.push(
          ...profileSection(
            `${connector.provider}: the first ${connector.bench.operation} after startup (mean of 3 processes)`,
            result.firstProfiles,
            'ms',
          ),
        );
      }
    }
  }
  for (const router of report.routers ?? []) {
    const profiles = report.routerResults[router.provider].profiles;
    if (!profiles) continue;
    lines.push(
      `## Where the time goes: ${router.provider}`,
      '',
      `CPU profiles as above, of the routed send and of ${router.bench.direct} sending directly, each alone in a child (taken because the routed send missed its target, or with \`BENCH_PROFILE=always\`).`,
      '',
      ...profileSection(`${router.provider}: ${router.bench.operation}, per call`, profiles, 'µs', [
        'routed',
        'direct',
      ]),
    );
  }
  lines.push(...heapSection(report));
  return `${lines.join('\n').trimEnd()}\n`;
};
