import type { RunResult } from './load';

/** Medians over the runs of one contender, operation and concurrency. */
export interface OpResult {
  op: string;
  connections: number;
  contender: string;
  /** Seconds per measured run (stretched for heavy operations). */
  durationS: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  statementsPerOp: number | null;
  /** CPU milliseconds per request of the contender's processes, and of PostgreSQL, over the measured runs (medians). */
  serverCpuMsPerOp: number | null;
  postgresCpuMsPerOp: number | null;
  errors: number;
  /** Highest resident memory of the contender while this operation's measured runs ran (VmHWM since they started, and 250 ms samples; all contenders of the op were up). */
  maxRssMb: number | null;
  runs: RunResult[];
}

export interface TargetResult {
  target: string;
  connections: number | null;
  value: string;
  pass: boolean | null;
}

/** The result file. */
export interface BenchReport {
  startedAt: string;
  durationS: number;
  machine: { cores: number; cpu: string; node: string; platform: string };
  options: Record<string, unknown>;
  world: { items: number; counts: Record<string, number>; loadMs: number | null; phasesMs: Record<string, number>; reused: boolean; seed: string };
  peer: string;
  equivalence: string[];
  constancy: { label: string; statements: (number | null)[] }[];
  results: OpResult[];
  memory: Record<string, { peakRssMb: number | null; maxSampledRssMb: number | null }>;
  /** Our server's process.memoryUsage() at its highest once-a-second sample (MB). */
  memoryBreakdown?: { rssMb: number; heapTotalMb: number; heapUsedMb: number; externalMb: number; arrayBuffersMb: number } | null;
  targets: TargetResult[];
}

const OPS: Record<string, string> = {
  A: 'A. public catalogue page (50 items)',
  'A-deep': 'A-deep. public catalogue page after 10,000 items (50 items, keyset cursor)',
  B: 'B. central dashboard (roll-up + coverage)',
  C: 'C. statistics draft save',
  D: 'D. floor `{ __typename }`',
  E: 'E. whole-country overview',
  F: 'F. accept statistics',
  M: 'M. mixed load (public pages, staff reads, saves, dashboards)',
  S: 'S. anonymous search (20 results by relevance with snippets; target p50 ≤ 50 ms at 1,000,000 items)',
};
/** The contender each operation's ratio is taken against, and the minimum ratio of our throughput. */
const RATIO_TARGETS: { op: string; against: string; min: number; label: string }[] = [
  { op: 'A', against: 'postgraphile', min: 1.5, label: 'A ≥ 1.5× PostGraphile 4 req/s' },
  { op: 'A', against: 'limit', min: 0.5, label: 'A ≥ 0.5× physical limit req/s' },
  { op: 'A-deep', against: 'limit', min: 0.5, label: 'A-deep ≥ 0.5× physical limit req/s (same keyset SQL by hand)' },
  { op: 'B', against: 'limit', min: 0.5, label: 'B ≥ 0.5× limit on the same aggregate tables req/s' },
  { op: 'E', against: 'limit', min: 0.5, label: 'E ≥ 0.5× limit on the same aggregate tables req/s' },
  { op: 'F', against: 'limit', min: 0.5, label: 'F ≥ 0.5× raw single-statement accept req/s' },
  { op: 'C', against: 'limit', min: 0.5, label: 'C ≥ 0.5× raw single-transaction insert req/s' },
  { op: 'D', against: 'plain-apollo', min: 0.8, label: 'D within 20% of plain Apollo req/s' },
];

const find = (r: BenchReport, op: string, contender: string, c: number) =>
  r.results.find((x) => x.op === op && x.contender === contender && x.connections === c);

/** Pass/fail of every target of the issue that this run measured. */
export function evaluateTargets(r: BenchReport): TargetResult[] {
  const out: TargetResult[] = [];
  const conns = [...new Set(r.results.map((x) => x.connections))];
  for (const t of RATIO_TARGETS) {
    for (const c of conns) {
      const ours = find(r, t.op, 'ours', c);
      const other = find(r, t.op, t.against, c);
      if (!ours || !other) continue;
      const ratio = ours.reqPerSec / other.reqPerSec;
      out.push({ target: t.label, connections: c, value: `${ratio.toFixed(2)}×`, pass: ours.errors === 0 && ratio >= t.min });
    }
  }
  for (const c of conns) {
    const ours = find(r, 'A', 'ours', c);
    const limit = find(r, 'A', 'limit', c);
    if (ours && limit)
      out.push({
        target: 'A p99 ≤ 3× physical limit p99',
        connections: c,
        value: `${ours.p99Ms} vs ${limit.p99Ms} ms (${(ours.p99Ms / Math.max(limit.p99Ms, 1)).toFixed(2)}×)`,
        pass: ours.p99Ms <= 3 * Math.max(limit.p99Ms, 1),
      });
  }
  for (const k of r.constancy) {
    const known = k.statements.filter((s): s is number => s !== null);
    out.push({
      target: `SQL statements constant: ${k.label}`,
      connections: null,
      value: k.statements.map((s) => s ?? 'n/a').join(' / '),
      pass: known.length === k.statements.length ? known.every((s) => s === known[0]) : null,
    });
  }
  const mixed = r.results.find((x) => x.op === 'M' && x.contender === 'ours');
  if (mixed)
    out.push({
      target: 'mixed-load peak RSS < 300 MB',
      connections: mixed.connections,
      value: `peak ${mixed.maxRssMb?.toFixed(0) ?? 'n/a'} MB`,
      pass: mixed.maxRssMb === null ? null : mixed.errors === 0 && mixed.maxRssMb < 300,
    });
  const mem = r.memory.ours;
  if (mem)
    out.push({
      target: 'our server RSS under load < 300 MB',
      connections: null,
      value: `peak ${mem.peakRssMb?.toFixed(0) ?? 'n/a'} MB`,
      pass: mem.peakRssMb === null ? null : mem.peakRssMb < 300,
    });
  return out;
}

const fmt = (n: number | null | undefined, d = 0) => (n === null || n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(d));
const mark = (p: boolean | null) => (p === null ? 'n/a' : p ? 'PASS' : 'FAIL');

/** The Markdown table of a report (also written as bench/results/latest.md). */
export function renderMarkdown(r: BenchReport): string {
  const lines: string[] = [];
  lines.push(`# Benchmark ${r.startedAt}`, '');
  lines.push(
    `Machine: ${r.machine.cores} cores (${r.machine.cpu}), Node ${r.machine.node}, ${r.machine.platform}. ` +
      `World: ${r.world.items.toLocaleString('en')} items, ${(r.world.counts.org_unit ?? 0).toLocaleString('en')} units, ${(r.world.counts.annual_statistics ?? 0).toLocaleString('en')} yearly statistics; ` +
      `${r.world.reused ? 'reused (--keep)' : `loaded in ${fmt((r.world.loadMs ?? 0) / 1000, 1)} s`}. ` +
      `Runs: ${String(r.options.runs)} × ${String(r.options.duration)} s after ${String(r.options.warmup)} s warm-up, medians; DB pool ${String(r.options.pool)} for every contender; peer ${r.peer}.`,
    '',
  );
  lines.push('| op | conns | contender | req/s | p50 ms | p99 ms | SQL/op | CPU ms/op server | CPU ms/op PostgreSQL | errors | run s | RSS MB | ours ÷ this |');
  lines.push('| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const x of r.results) {
    const ours = find(r, x.op, 'ours', x.connections);
    const ratio = x.contender === 'ours' || !ours ? '' : `${(ours.reqPerSec / x.reqPerSec).toFixed(2)}×`;
    lines.push(
      `| ${OPS[x.op] ?? x.op} | ${x.connections} | ${x.contender} | ${fmt(x.reqPerSec, x.reqPerSec < 10 ? 2 : 0)} | ${fmt(x.p50Ms, 1)} | ${fmt(x.p99Ms, 1)} | ${fmt(x.statementsPerOp, 2)} | ${fmt(x.serverCpuMsPerOp, 2)} | ${fmt(x.postgresCpuMsPerOp, 2)} | ${x.errors} | ${x.durationS} | ${fmt(x.maxRssMb)} | ${ratio} |`,
    );
  }
  lines.push('', '| target | conns | measured | result |', '| --- | ---: | --- | --- |');
  for (const t of r.targets) lines.push(`| ${t.target} | ${t.connections ?? ''} | ${t.value} | ${mark(t.pass)} |`);
  lines.push('', '| server | peak RSS (VmHWM, whole life) | max sampled RSS under load |', '| --- | ---: | ---: |');
  for (const [name, m] of Object.entries(r.memory)) lines.push(`| ${name} | ${fmt(m.peakRssMb)} MB | ${fmt(m.maxSampledRssMb)} MB |`);
  const b = r.memoryBreakdown;
  if (b)
    lines.push(
      '',
      `Our server at its highest once-a-second sample: RSS ${b.rssMb} MB = V8 heap ${b.heapTotalMb} MB (${b.heapUsedMb} MB used) + external ${b.externalMb} MB (array buffers ${b.arrayBuffersMb} MB) + the rest (code, stacks, malloc).`,
    );
  lines.push('', 'Equivalence checks:', ...r.equivalence.map((e) => `- ${e}`), '');
  lines.push(
    `Load phases (ms): ${Object.entries(r.world.phasesMs)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
    '',
  );
  lines.push(
    'Reproduce: `npm ci && npm run bench` (defaults: 200,000 items, connections 10 and 50, 3 × 10 s runs); `npm run bench -- --items 1000000` for the full million.',
    '',
  );
  return lines.join('\n');
}
