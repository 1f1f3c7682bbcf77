// Environment parsed and validated once, at start-up. Every setting is documented in README.md.
import { bool, cleanEnv, num, port, str, url } from 'envalid';

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const raw = cleanEnv(env, {
    NODE_ENV: str({ choices: ['development', 'test', 'production'], default: 'development' }),
    PORT: port({ default: 4000 }),
    HOST: str({ default: '0.0.0.0' }),
    PUBLIC_BASE_URL: str({ default: '', desc: 'Base URL used in DCAT distributions; defaults to http://localhost:PORT' }),
    DATABASE_URL: str({ default: '', desc: 'postgres://… to use a PostgreSQL server; empty = embedded PGlite' }),
    PGLITE_DIR: str({ default: '.data/pglite', desc: 'Folder of the embedded database' }),
    DATABASE_POOL_SIZE: num({ default: 10 }),
    SEED_ON_START: bool({ default: true, desc: 'Seed an empty database on start (embedded default)' }),
    REDIS_URL: str({ default: '' }),
    LOG_SQL: bool({ default: false }),
    READ_PATH: str({ choices: ['lean', 'prisma'] as const, default: 'lean', desc: 'How hot public reads reach the database (src/read/)' }),
    LOG_LEVEL: str({ choices: ['debug', 'info', 'warn', 'error'] as const, default: 'info' }),
    JWT_SECRET: str({ default: 'dev-only-secret-change-me-in-production-0123456789' }),
    JWT_ISSUER: str({ default: 'city-open-data-gateway' }),
    JWT_AUDIENCE: str({ default: 'city-open-data-gateway' }),
    JWKS_URL: str({ default: '' }),
    GRAPHIQL: bool({ default: true }),
    TRUST_PROXY: bool({ default: false, desc: 'Believe X-Forwarded-For (only behind your own proxy)' }),
    MAX_BODY_BYTES: num({ default: 1_000_000 }),
    MAX_DEPTH: num({ default: 10 }),
    MAX_COST: num({ default: 20_000, desc: 'graphql-armor static cost (objects, scalars, depth)' }),
    MAX_COMPLEXITY: num({ default: 6_000, desc: 'Pothos complexity: connections cost by page size' }),
    MAX_BREADTH: num({ default: 150 }),
    MAX_ALIASES: num({ default: 15 }),
    MAX_TOKENS: num({ default: 2_000 }),
    MAX_DIRECTIVES: num({ default: 20 }),
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: num({ default: 300 }),
    RATE_LIMIT_PARTNER_PER_MINUTE: num({ default: 1_200 }),
    RATE_LIMIT_PARTNER_HIGH_PER_MINUTE: num({ default: 6_000 }),
    RATE_LIMIT_STAFF_PER_MINUTE: num({ default: 6_000 }),
  });
  if (raw.NODE_ENV === 'production' && !raw.JWKS_URL && raw.JWT_SECRET.startsWith('dev-only')) {
    throw new Error('JWT_SECRET (or JWKS_URL) must be set in production');
  }
  return {
    env: raw.NODE_ENV,
    port: raw.PORT,
    host: raw.HOST,
    publicBaseUrl: (raw.PUBLIC_BASE_URL || `http://localhost:${raw.PORT}`).replace(/\/$/, ''),
    database: {
      url: raw.DATABASE_URL || undefined,
      pgliteDir: raw.PGLITE_DIR,
      poolSize: raw.DATABASE_POOL_SIZE,
      seedOnStart: raw.SEED_ON_START,
      logSql: raw.LOG_SQL,
      readPath: raw.READ_PATH,
    },
    redisUrl: raw.REDIS_URL || undefined,
    logLevel: raw.LOG_LEVEL,
    jwt: { secret: raw.JWT_SECRET, issuer: raw.JWT_ISSUER, audience: raw.JWT_AUDIENCE, jwksUrl: raw.JWKS_URL || undefined },
    graphiql: raw.GRAPHIQL,
    trustProxy: raw.TRUST_PROXY,
    limits: {
      maxBodyBytes: raw.MAX_BODY_BYTES,
      maxDepth: raw.MAX_DEPTH,
      maxCost: raw.MAX_COST,
      maxComplexity: raw.MAX_COMPLEXITY,
      maxBreadth: raw.MAX_BREADTH,
      maxAliases: raw.MAX_ALIASES,
      maxTokens: raw.MAX_TOKENS,
      maxDirectives: raw.MAX_DIRECTIVES,
    },
    rateLimits: {
      anonymousPerMinute: raw.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
      partnerPerMinute: raw.RATE_LIMIT_PARTNER_PER_MINUTE,
      partnerHighPerMinute: raw.RATE_LIMIT_PARTNER_HIGH_PER_MINUTE,
      staffPerMinute: raw.RATE_LIMIT_STAFF_PER_MINUTE,
    },
  };
}

export type Config = ReturnType<typeof loadConfig>;
