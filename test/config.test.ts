// Demo conveniences (development mode, the repository's JWT secret, seeding) exist for the embedded database only.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

const server = { DATABASE_URL: 'postgres://gateway@db.internal:5432/cityopendata' };
const strongSecret = 'x'.repeat(32);
const repositorySecret = 'dev-only-secret-change-me-in-production-0123456789';

describe('configuration with a PostgreSQL server', () => {
  it('refuses to start without JWT_SECRET or JWKS_URL', () => {
    expect(() => loadConfig(server)).toThrow(/JWT_SECRET .* or JWKS_URL/);
  });

  it('refuses a short secret and the public development secret', () => {
    expect(() => loadConfig({ ...server, JWT_SECRET: 'x'.repeat(31) })).toThrow(/at least 32 bytes/);
    expect(() => loadConfig({ ...server, JWT_SECRET: repositorySecret })).toThrow(/public development value/);
    expect(() => loadConfig({ ...server, NODE_ENV: 'development', JWT_SECRET: repositorySecret })).toThrow(/public development value/);
  });

  it('starts with a 32-byte secret or a JWKS URL, in production mode, without seeding', () => {
    const withSecret = loadConfig({ ...server, JWT_SECRET: strongSecret });
    expect(withSecret.env).toBe('production');
    expect(withSecret.jwt.secret).toBe(strongSecret);
    expect(withSecret.database.seedOnStart).toBe(false);
    const withSso = loadConfig({ ...server, JWKS_URL: 'https://sso.toaks.example/jwks.json' });
    expect(withSso.jwt.secret).toBe('');
  });

  it('refuses SEED_ON_START: seeding a server is `npm run db:seed`', () => {
    expect(() => loadConfig({ ...server, JWT_SECRET: strongSecret, SEED_ON_START: 'true' })).toThrow(/npm run db:seed/);
  });

  it('lets the database CLIs run without token settings', () => {
    expect(loadConfig(server, { requireSecrets: false }).database.url).toBe(server.DATABASE_URL);
  });
});

describe('configuration of the embedded default', () => {
  it('keeps the demo conveniences: development mode, the development secret, seeding on first start', () => {
    const config = loadConfig({});
    expect(config.env).toBe('development');
    expect(config.jwt.secret).toBe(repositorySecret);
    expect(config.database.seedOnStart).toBe(true);
  });

  it('still requires a real secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: repositorySecret })).toThrow(/public development value/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: strongSecret }).jwt.secret).toBe(strongSecret);
  });
});

describe('runtime modules', () => {
  it('import the demo seed only dynamically, on the path that seeds', () => {
    const files = (readdirSync('src', { recursive: true }) as string[]).filter((file) => file.endsWith('.ts') && !file.startsWith('generated'));
    const staticSeedImports = files.filter((file) => /^import [^;]*from '[./]*prisma\/seed/m.test(readFileSync(join('src', file), 'utf8')));
    expect(files).toContain(join('db', 'setup.ts'));
    expect(staticSeedImports).toEqual([]);
  });
});
