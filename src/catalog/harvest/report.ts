// The harvest report as the command line prints it.
import type { HarvestReport } from './import.js';

export function formatReport(report: HarvestReport, seconds: number): string {
  const lines = [
    `Harvested ${report.source} in ${seconds.toFixed(1)} s`,
    `  created    ${report.created}`,
    `  updated    ${report.updated}`,
    `  unchanged  ${report.unchanged}`,
    `  archived   ${report.archived}`,
    `  invalid    ${report.invalid.length}`,
    ...report.invalid.flatMap((entry) => [
      `    #${entry.index} ${entry.identifier ?? '(no identifier)'}`,
      ...entry.problems.map((problem) => `      ${problem.path.join('.')}: ${problem.message}`),
    ]),
  ];
  return lines.join('\n');
}
