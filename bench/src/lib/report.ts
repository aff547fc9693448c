import { type Bar, renderBarChart } from './chart';
import { checkGoals } from './goals';
import { type Results, readKey, readNumber } from './results';

/** Markers around the hand-written part of docs/benchmarks.md, kept across regenerations. */
export const FINDINGS_START =
  '<!-- findings:start (hand-written, kept when the report is regenerated) -->';
/** End marker of the hand-written part. */
export const FINDINGS_END = '<!-- findings:end -->';

/** The hand-written block of an existing report, or a placeholder. */
export function extractFindings(existing: string | null): string {
  if (existing) {
    const a = existing.indexOf(FINDINGS_START);
    const b = existing.indexOf(FINDINGS_END);
    if (a >= 0 && b > a) return existing.slice(a + FINDINGS_START.length, b).trim();
  }
  return '_No findings written yet._';
}

function num(v: number | null, digits = 2): string {
  if (v === null) return '—';
  if (Math.abs(v) >= 100) return v.toFixed(0);
  return v.toFixed(digits).replace(/\.?0+$/, '') || '0';
}

function get(r: Results, dotted: string): number | null {
  return readNumber(r, dotted.split('.'));
}

/** Charts of a run, by file name under docs/charts/. Pure. */
export function renderCharts(r: Results): Record<string, string> {
  const charts: Record<string, string> = {};
  const bar = (label: string, key: string, goal?: number): Bar[] => {
    const value = readNumber(r, key.split('.'));
    if (value === null) return [];
    return [goal === undefined ? { label, value } : { label, value, goal }];
  };
  const join = [
    ...bar('sequential p50', 'signal.joinAckMs.p50', 2),
    ...bar('sequential p99', 'signal.joinAckMs.p99', 5),
    ...bar('burst p50', 'signal.joinAckBurstMs.p50'),
    ...bar('burst p99', 'signal.joinAckBurstMs.p99'),
    ...bar('connect+join p50', 'signal.connectToJoinAckMs.p50'),
  ];
  if (join.length)
    charts['join-ack.svg'] = renderBarChart({ title: 'Join ack', unit: 'ms', bars: join });
  const bare = get(r, 'signal.baselineRelayUsPerMsg');
  const relay = [
    ...bar('bare relay', 'signal.baselineRelayUsPerMsg'),
    ...bar('bare relay + ack', 'signal.bareAckRelayUsPerMsg'),
    ...bar('signal app', 'signal.relayUsPerMsg', bare === null ? undefined : bare * 1.25),
  ];
  if (relay.length) {
    charts['relay.svg'] = renderBarChart({
      title: 'Server CPU per relayed signal',
      unit: 'us',
      bars: relay,
    });
  }
  const size = [
    ...bar('room page first JS', 'web.initialJsKbGz', 100),
    ...bar('mesh runtime + client', 'web.meshLibKbGz', 25),
    ...bar('mesh runtime alone', 'web.meshRuntimeKbGz'),
  ];
  if (size.length)
    charts['sizes.svg'] = renderBarChart({ title: 'Bundle size', unit: 'KB gzip', bars: size });
  const ff: Bar[] = [];
  const firstFrame = readKey(r, ['browser', 'firstFrameMs']);
  if (typeof firstFrame === 'object' && firstFrame !== null) {
    for (const [topology, byN] of Object.entries(
      firstFrame as Record<string, Record<string, number>>,
    )) {
      for (const [n, value] of Object.entries(byN)) {
        const goal =
          topology === 'mesh' ? ({ 2: 150, 4: 400 } as Record<string, number>)[n] : undefined;
        ff.push(
          goal === undefined
            ? { label: `${topology} N=${n}`, value }
            : { label: `${topology} N=${n}`, value, goal },
        );
      }
    }
  }
  if (ff.length)
    charts['first-frame.svg'] = renderBarChart({
      title: 'First frame after the last join (p50)',
      unit: 'ms',
      bars: ff,
    });
  const sw: Bar[] = [];
  const switches = readKey(r, ['browser', 'switch']);
  if (typeof switches === 'object' && switches !== null) {
    for (const [pair, s] of Object.entries(
      switches as Record<string, { ms: number; maxGapMs: number }>,
    )) {
      sw.push(
        { label: `${pair}`, value: s.ms, goal: 300 },
        { label: `${pair} gap`, value: s.maxGapMs, goal: 100 },
      );
    }
  }
  if (sw.length)
    charts['switch.svg'] = renderBarChart({
      title: 'Live topology switch, N=4',
      unit: 'ms',
      bars: sw,
    });
  return charts;
}

function machineTable(r: Results): string {
  const m = r.meta.machine;
  return [
    '| | |',
    '| --- | --- |',
    `| Date | ${r.meta.date} |`,
    `| Run | \`${r.meta.mode}\` (${r.meta.durationS} s) |`,
    `| CPU | ${m.cpu} |`,
    `| Cores | ${m.cores} |`,
    `| Memory | ${m.memoryGb} GB |`,
    `| Node | ${m.node} |`,
    `| OS | ${m.os} |`,
    `| Load average (1 min) | ${r.meta.loadAverage?.start ?? '—'} at start, ${r.meta.loadAverage?.end ?? '—'} at end |`,
    `| Chromium | ${r.meta.chromium ?? 'not found'} |`,
    `| Network | ${r.meta.network === 'namespace' ? 'loopback-only network namespace (`unshare -n`)' : 'host network, 127.0.0.1 only'} |`,
  ].join('\n');
}

function goalsTable(r: Results): string {
  const rows = checkGoals(r).map((c) => {
    const status = c.status === 'met' ? 'met' : c.status === 'missed' ? '**missed**' : 'pending';
    return `| ${c.goal.label} | \`${c.goal.key.join('.')}\` | ${num(c.value)} ${c.goal.unit} | <= ${c.goal.max} ${c.goal.unit} | ${status} |`;
  });
  return [
    '| Goal | Key | Measured | Goal | Status |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

function summaryRow(r: Results, label: string, key: string): string {
  const s = readKey(r, key.split('.')) as Record<string, number> | undefined;
  if (!s) return `| ${label} | — | — | — | — | — |`;
  return `| ${label} | ${s.n} | ${num(s.p50 ?? null, 3)} | ${num(s.p90 ?? null, 3)} | ${num(s.p99 ?? null, 3)} | ${num(s.max ?? null, 3)} |`;
}

function signalSection(r: Results): string {
  const lines = [
    '## Signal app',
    '',
    'Server in its own process (`node --expose-gc`), clients are real `socket.io-client` websockets on 127.0.0.1.',
    '',
    '| Join ack (ms) | n | p50 | p90 | p99 | max |',
    '| --- | --- | --- | --- | --- | --- |',
    summaryRow(
      r,
      '`signal.joinAckMs`: sequential, `join` emitted on a connected socket -> ack with the plan',
      'signal.joinAckMs',
    ),
    summaryRow(
      r,
      '`signal.connectToJoinAckMs`: sequential, socket opened -> join ack',
      'signal.connectToJoinAckMs',
    ),
    summaryRow(
      r,
      '`signal.joinAckBurstMs`: 16 sockets join one room at once',
      'signal.joinAckBurstMs',
    ),
    '',
    '| Relay | us of server CPU per signal |',
    '| --- | --- |',
    `| \`signal.relayUsPerMsg\` (signal app) | ${num(get(r, 'signal.relayUsPerMsg'))} |`,
    `| \`signal.baselineRelayUsPerMsg\` (bare Socket.IO relay) | ${num(get(r, 'signal.baselineRelayUsPerMsg'))} |`,
    `| \`signal.bareAckRelayUsPerMsg\` (bare relay + ack) | ${num(get(r, 'signal.bareAckRelayUsPerMsg'))} |`,
    `| \`signal.relayRatio\` (signal app / bare) | ${num(get(r, 'signal.relayRatio'))} |`,
    '',
    `Relay load: ${String(readKey(r, ['signal', 'relayLoad']) ?? '—')}.`,
    '',
    '| Memory | per peer |',
    '| --- | --- |',
    `| \`signal.heapKbPerPeer\` (V8 heap after GC) | ${num(get(r, 'signal.heapKbPerPeer'))} KB |`,
    `| \`signal.bareSocketHeapKbPerConnection\` (bare Socket.IO server, connected, no join) | ${num(get(r, 'signal.bareSocketHeapKbPerConnection'))} KB |`,
    `| external (buffers) | ${num(get(r, 'signal.externalKbPerPeer'))} KB |`,
    `| RSS | ${num(get(r, 'signal.rssKbPerPeer'))} KB |`,
    '',
    `Memory load: ${String(readKey(r, ['signal', 'heapLoad']) ?? '—')}.`,
  ];
  return lines.join('\n');
}

function webSection(r: Results): string {
  const files =
    (readKey(r, ['web', 'initialFiles']) as Array<{ file: string; kbGz: number }> | undefined) ??
    [];
  const byPkg =
    (readKey(r, ['web', 'meshLibByPackage']) as Array<{ pkg: string; kb: number }> | undefined) ??
    [];
  return [
    '## Bundle sizes (gzip -9)',
    '',
    '| Key | KB gz |',
    '| --- | --- |',
    `| \`web.initialJsKbGz\`: entry script + modulepreloads of apps/web/dist/index.html | ${num(get(r, 'web.initialJsKbGz'))} |`,
    `| \`web.allJsKbGz\`: every JS chunk of the build | ${num(get(r, 'web.allJsKbGz'))} |`,
    `| \`web.meshLibKbGz\`: esbuild, minified ESM for the browser, \`@meshwork/mesh/runtime\` + \`@meshwork/client\` | ${num(get(r, 'web.meshLibKbGz'))} |`,
    `| \`web.meshRuntimeKbGz\`: \`@meshwork/mesh/runtime\` alone | ${num(get(r, 'web.meshRuntimeKbGz'))} |`,
    `| \`web.sessionOnlyKbGz\`: only \`ClientSession\` imported (tree-shaken) | ${num(get(r, 'web.sessionOnlyKbGz'))} |`,
    '',
    files.length
      ? `First JS files: ${files.map((f) => `\`${f.file}\` ${f.kbGz} KB`).join(', ')}.`
      : '',
    '',
    byPkg.length
      ? `Mesh library by package (minified KB before gzip): ${byPkg
          .filter((p) => p.kb > 0)
          .map((p) => `${p.pkg} ${p.kb}`)
          .join(', ')}.`
      : '',
  ].join('\n');
}

function browserSection(r: Results): string {
  const lines = ['## Browser (headless Chromium)', ''];
  const ff = readKey(r, ['browser', 'firstFrameMs']) as
    | Record<string, Record<string, number>>
    | undefined;
  if (ff) {
    const ns = [...new Set(Object.values(ff).flatMap((byN) => Object.keys(byN)))].sort(
      (a, b) => Number(a) - Number(b),
    );
    lines.push(
      "`browser.firstFrameMs.<topology>.<N>`: p50 over runs of the time from the last joiner's `join()` to every page decoding a frame of every other origin.",
      '',
      `| Topology | ${ns.map((n) => `N=${n}`).join(' | ')} |`,
      `| --- | ${ns.map(() => '---').join(' | ')} |`,
      ...Object.entries(ff).map(
        ([t, byN]) => `| ${t} | ${ns.map((n) => num(byN[n] ?? null, 1)).join(' | ')} |`,
      ),
      '',
    );
    const base = get(r, 'browser.baselineFirstFrameMs');
    if (base !== null) {
      lines.push(
        `\`browser.baselineFirstFrameMs\`: ${num(base, 1)} ms, the minimal two-page call of the same run (one hand-rolled \`RTCPeerConnection\` a page, one offer/answer through a bare Socket.IO relay, same fake camera, timed the same way). Each first frame as a multiple of it (\`browser.firstFrameVsBaseline\`):`,
        '',
        `| Topology | ${ns.map((n) => `N=${n}`).join(' | ')} |`,
        `| --- | ${ns.map(() => '---').join(' | ')} |`,
        ...Object.entries(ff).map(
          ([t, byN]) =>
            `| ${t} | ${ns.map((n) => (byN[n] === undefined ? '—' : `${num(byN[n] / base)} x`)).join(' | ')} |`,
        ),
        '',
      );
    }
  }
  const sig = readKey(r, ['browser', 'signalsPerJoin']) as
    | Record<string, Record<string, number>>
    | undefined;
  if (sig) {
    lines.push(
      '`browser.signalsPerJoin.<topology>.<N>`: signals all peers sent through the signal app for the last join (median).',
      '',
      ...Object.entries(sig).map(
        ([t, byN]) =>
          `- ${t}: ${Object.entries(byN)
            .map(([n, v]) => `N=${n} ${v}`)
            .join(', ')}`,
      ),
      '',
    );
  }
  const sw = readKey(r, ['browser', 'switch']) as
    | Record<string, { ms: number; maxGapMs: number }>
    | undefined;
  if (sw) {
    lines.push(
      '`browser.switch["a->b"]`, N=4: `ms` from `setTopology` to the last peer\'s commit; `maxGapMs` the longest interval between decoded frames of any origin at any peer, from the request until 1.5 s after the commit.',
      '',
      '| Switch | ms | maxGapMs |',
      '| --- | --- | --- |',
      ...Object.entries(sw).map(
        ([pair, s]) => `| ${pair} | ${num(s.ms, 1)} | ${num(s.maxGapMs, 1)} |`,
      ),
      `| no switch, same window (\`browser.steadyMaxGapMs\`) | — | ${num(get(r, 'browser.steadyMaxGapMs'), 1)} |`,
      '',
    );
  }
  const hop = get(r, 'browser.ringHopMs');
  if (hop !== null) {
    const by = readKey(r, ['browser', 'ringLatencyByHopsMs']) as Record<string, number> | undefined;
    lines.push(
      `\`browser.ringHopMs\`: ${num(hop, 1)} ms added per relay hop (ring of ${String(readKey(r, ['browser', 'ringN']))}; send-to-decode p50 by hops: ${Object.entries(
        by ?? {},
      )
        .map(([h, v]) => `${h} hop ${v} ms`)
        .join(', ')}).`,
      '',
    );
  }
  const up = readKey(r, ['browser', 'uplinkKbps']) as
    | Record<string, Record<string, number[]>>
    | undefined;
  if (up) {
    lines.push(
      '`browser.uplinkKbps.<topology>.<N>`: video kbit/s sent by each peer, in join order (star: the first is the hub).',
      '',
      ...Object.entries(up).map(
        ([t, byN]) =>
          `- ${t}: ${Object.entries(byN)
            .map(([n, v]) => `N=${n} [${v.join(', ')}]`)
            .join('; ')}`,
      ),
      '',
    );
  }
  if (lines.length === 2) lines.push('No browser numbers in this run; see Pending.', '');
  return lines.join('\n');
}

/** docs/benchmarks.md for a run. Pure: the same results and findings give the same text. */
export function renderReport(r: Results, findings: string): string {
  const charts = Object.keys(renderCharts(r));
  const pending = Object.entries(r.pending);
  return `# Benchmarks

Generated by \`pnpm bench\` (full) or \`pnpm bench:quick\` from \`bench/results/latest.json\`;
the harness is \`bench/\` (see its README). Benchmarks measure and print; they never fail a
build. Numbers come from one run on the machine below and move by several percent between runs.

${machineTable(r)}

## Goals

${goalsTable(r)}

${signalSection(r)}

${webSection(r)}

${browserSection(r)}

## Charts

${charts.map((c) => `![${c.replace('.svg', '')}](charts/${c})`).join('\n\n') || '_None in this run._'}

## Pending

${pending.length ? pending.map(([k, why]) => `- \`${k}\`: ${why}`).join('\n') : 'Nothing: every key was measured.'}

${r.notes.length ? `## Run notes\n\n${r.notes.map((n) => `- ${n}`).join('\n')}\n` : ''}
## Findings

${FINDINGS_START}
${findings}
${FINDINGS_END}
`;
}
