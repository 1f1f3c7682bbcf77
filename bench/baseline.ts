// Another commit of the gateway, built in a temporary folder, so that "before" and "after" are measured
// side by side in one run (this machine is shared and noisy: figures from different runs do not compare).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from './server.js';

export interface Baseline {
  ref: string;
  commit: string;
  dir: string;
  remove(): void;
}

export function checkoutBaseline(ref: string, progress: (line: string) => void): Baseline {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: projectRoot, encoding: 'utf8' }).trim();
  const commit = git('rev-parse', '--short', `${ref}^{commit}`);
  const dir = mkdtempSync(join(tmpdir(), `cod-bench-${commit}-`));
  progress(`baseline ${ref} (${commit}) in ${dir}: extracting and generating the Prisma client`);
  execFileSync('sh', ['-c', `git archive ${commit} | tar -x -C "${dir}"`], { cwd: projectRoot });
  symlinkSync(join(projectRoot, 'node_modules'), join(dir, 'node_modules'));
  execFileSync('npm', ['run', '--silent', 'prisma:generate'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  return { ref, commit, dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
