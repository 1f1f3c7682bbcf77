// Summaries and the printed table.
import type { Figures } from './measure.js';

function median(values: number[]): number {
  const sorted = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
  if (!sorted.length) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The median of each figure on its own across repeated runs (the runs' medians need not be one run). */
export function medianFigures(runs: Figures[]): Figures {
  const of = (key: keyof Figures) => median(runs.map((run) => run[key]));
  return {
    reqPerSec: of('reqPerSec'),
    latencyP50Ms: of('latencyP50Ms'),
    latencyP99Ms: of('latencyP99Ms'),
    requests: of('requests'),
    non2xx: of('non2xx'),
    errors: of('errors'),
    timeouts: of('timeouts'),
    badBodies: of('badBodies'),
    serverCpuMsPerRequest: of('serverCpuMsPerRequest'),
  };
}

const columns: [string, (figures: Figures) => string][] = [
  ['req/s', (f) => f.reqPerSec.toFixed(1)],
  ['p50 ms', (f) => f.latencyP50Ms.toFixed(1)],
  ['p99 ms', (f) => f.latencyP99Ms.toFixed(1)],
  ['requests', (f) => String(Math.round(f.requests))],
  ['non-2xx', (f) => String(Math.round(f.non2xx))],
  ['errors', (f) => String(Math.round(f.errors))],
  ['bad body', (f) => String(Math.round(f.badBodies))],
  ['CPU ms/req', (f) => f.serverCpuMsPerRequest.toFixed(2)],
];

export function formatTable(
  rows: { name: string; figures: Figures; statementsPerRequest: number; memoryMb?: { rss: number; peak: number; peakOfScenarioOnly: boolean } }[],
): string {
  const memory = (row: (typeof rows)[number]) =>
    row.memoryMb ? [String(row.memoryMb.rss), `${row.memoryMb.peak}${row.memoryMb.peakOfScenarioOnly ? '' : '*'}`] : ['', ''];
  const cells = [
    ['scenario', ...columns.map(([title]) => title), 'SQL/req', 'RSS MB after', 'peak MB'],
    ...rows.map((row) => [row.name, ...columns.map(([, format]) => format(row.figures)), String(row.statementsPerRequest), ...memory(row)]),
  ];
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [line(cells[0]!), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.slice(1).map(line)].join('\n');
}
