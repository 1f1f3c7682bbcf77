// The gateway under test: a throw-away PostgreSQL database and the server as a child process, so that
// its CPU time can be read from /proc separately from the load generator's.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { send } from './http.js';

export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  url: string;
  /** Drops the database if the benchmark created it; a no-op for BENCH_DATABASE_URL. */
  drop(): Promise<void>;
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * BENCH_DATABASE_URL as given, or a fresh database (`cod_bench` + BENCH_DATABASE_SUFFIX), migrated and seeded by the seed command
 * of the checkout under test (`npm run db:seed`).
 */
export async function prepareDatabase(name = 'cod_bench', root = projectRoot): Promise<BenchDatabase> {
  const given = name === 'cod_bench' ? process.env.BENCH_DATABASE_URL : undefined;
  if (given) return { url: given, drop: async () => {} };
  // BENCH_DATABASE_SUFFIX keeps two benchmarks run side by side from dropping each other's database.
  const benchDatabase = `${name}${process.env.BENCH_DATABASE_SUFFIX ?? ''}`;
  if (!/^[a-z0-9_]+$/.test(benchDatabase)) throw new Error(`not a plain database name: ${benchDatabase}`);
  // FORCE: a previous run killed mid-way may have left connections open.
  await admin(`DROP DATABASE IF EXISTS ${benchDatabase} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${benchDatabase}`);
  const url = new URL(adminUrl);
  url.pathname = `/${benchDatabase}`;
  // A gateway on a PostgreSQL server never seeds itself.
  const seed = spawnSync(process.execPath, ['--import', 'tsx', 'src/db/cli/seed.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url.href },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (seed.status !== 0) throw new Error('seeding the benchmark database failed');
  return { url: url.href, drop: () => admin(`DROP DATABASE IF EXISTS ${benchDatabase} WITH (FORCE)`) };
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/**
 * BENCH_PORT (+ offset, for the second gateway of a side-by-side run; must be free), else 4100 + offset, else
 * any port the OS hands out. Never an already-running server.
 */
export async function choosePort(offset = 0): Promise<number> {
  const wanted = Number(process.env.BENCH_PORT || 4100) + offset;
  if (await isPortFree(wanted)) return wanted;
  if (process.env.BENCH_PORT) throw new Error(`BENCH_PORT ${wanted} is already in use`);
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Every RATE_LIMIT_* setting the gateway knows, read from its config so that new tiers are covered too. */
function unlimitedRates(): Record<string, string> {
  const source = readFileSync(new URL('../src/config.ts', import.meta.url), 'utf8');
  const names = new Set(source.match(/\bRATE_LIMIT_[A-Z0-9_]+/g) ?? []);
  return Object.fromEntries([...names].map((name) => [name, '100000000']));
}

export interface Gateway {
  pid: number;
  baseUrl: string;
  /** The HS256 secret the server was started with, so scenarios can sign staff tokens. */
  jwtSecret: string;
  /** The folder it runs from and its environment (statement counting starts the same code in-process). */
  root: string;
  env: Record<string, string>;
  /** Resident and peak memory in MB, from /proc. */
  memoryMb(): { rss: number; peak: number };
  /** SIGTERM, then SIGKILL after 10 s; resolves once the process has exited. */
  stop(): Promise<void>;
}

function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export interface GatewayOptions {
  databaseUrl: string;
  port: number;
  /** Receives all server output (yoga logs every request at debug level: too much for the terminal). */
  logFile: URL;
  /** Receives the server's own `[gateway] …` lines (start-up, seed, shutdown). */
  echo: (line: string) => void;
  /** The checkout to run (another commit for a side-by-side baseline); this one by default. */
  root?: string;
  /** Build first (default); false for a second gateway of the same checkout (a build would replace dist/ under the first). */
  build?: boolean;
}

function memoryMb(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

export async function startGateway({ databaseUrl, port, logFile, echo, root = projectRoot, build = true }: GatewayOptions): Promise<Gateway> {
  const jwtSecret = randomBytes(30).toString('base64url'); // 40 characters
  const env = {
    ...unlimitedRates(),
    NODE_ENV: 'production',
    JWT_SECRET: jwtSecret,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
  };
  // A checkout with a build script runs compiled JavaScript, as `npm start` does; older ones run through tsx.
  const scripts = (JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { scripts: Record<string, string> }).scripts;
  if (scripts.build && build) execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const child = spawn(process.execPath, scripts.build ? ['dist/src/main.js'] : ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const log = createWriteStream(logFile);
  const recent: string[] = []; // shown if start-up fails
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    stream.pipe(log, { end: false });
    createInterface({ input: stream }).on('line', (line) => {
      if (line.startsWith('[gateway]')) echo(line);
      if (recent.push(line) > 30) recent.shift();
    });
  }
  child.once('close', () => log.end()); // 'close' comes after both output streams have ended
  const baseUrl = `http://127.0.0.1:${port}`;
  const gateway: Gateway = {
    pid: child.pid ?? 0,
    baseUrl,
    jwtSecret,
    root,
    env,
    memoryMb: () => memoryMb(child.pid ?? 0),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      if (await exited(child, 10_000)) return;
      echo('[bench] the gateway did not exit within 10 s of SIGTERM: killing it');
      child.kill('SIGKILL');
      await exited(child, 5_000);
    },
  };

  // Migrations and the seed run before the server listens: allow them a couple of minutes.
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const tail = recent.join('\n');
      throw new Error(`gateway exited during start-up (code ${child.exitCode}, signal ${child.signalCode}):\n${tail}`);
    }
    const healthy = await send(`${baseUrl}/health`, { timeoutMs: 2_000 }).then(
      (response) => response.status === 200,
      () => false,
    );
    if (healthy) return gateway;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await gateway.stop();
  throw new Error('gateway did not answer /health within 180 s');
}
