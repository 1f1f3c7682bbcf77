// Environment parsed and validated once, at start-up. Every setting is documented in README.md.
import { bool, cleanEnv, num, port, str, url } from 'envalid';
import { corsOrigins, DEFAULT_SLA_HOURS, developmentJwtSecret, duration, servingSecretProblem, slaHours } from './config-rules.js';

export interface LoadOptions {
  /** false for database CLIs (migrate, seed), which sign and verify no tokens. */
  requireSecrets?: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, { requireSecrets = true }: LoadOptions = {}) {
  // Demo conveniences (development mode, the repository's JWT secret, seeding) belong to the embedded
  // default only: with a PostgreSQL server, nothing is assumed.
  const embedded = !env.DATABASE_URL;
  const raw = cleanEnv(env, {
    NODE_ENV: str({ choices: ['development', 'test', 'production'], default: embedded ? 'development' : 'production' }),
    PORT: port({ default: 4000 }),
    HOST: str({ default: '0.0.0.0' }),
    PUBLIC_BASE_URL: str({ default: '', desc: 'Base URL used in DCAT distributions; defaults to http://localhost:PORT' }),
    DATABASE_URL: str({ default: '', desc: 'postgres://… to use a PostgreSQL server; empty = embedded PGlite' }),
    PGLITE_DIR: str({ default: '.data/pglite', desc: 'Folder of the embedded database' }),
    DATABASE_POOL_SIZE: num({ default: 10 }),
    SEED_ON_START: bool({ default: embedded, desc: 'Seed an empty embedded database on start' }),
    REDIS_URL: str({ default: '' }),
    APPEAL_WINDOW_DAYS: num({ default: 30, desc: 'Days after a denial or partial release during which the requester may appeal' }),
    COMPLAINT_SLA_HOURS: slaHours({ default: DEFAULT_SLA_HOURS, desc: 'Hours to resolve a complaint, per priority (URGENT=4,HIGH=24,NORMAL=72,LOW=168)' }),
    ENFORCEMENT_APPEAL_WINDOW_DAYS: num({ default: 30, desc: 'Days after an enforcement action during which the affected partner may appeal it' }),
    SMTP_URL: str({ default: '', desc: 'smtp://user:pass@host:port for messages to requesters; empty = logged, not sent' }),
    MAIL_FROM: str({ default: 'Public Records <records@localhost>' }),
    LOG_SQL: bool({ default: false }),
    READ_PATH: str({ choices: ['lean', 'prisma'] as const, default: 'lean', desc: 'How hot public reads reach the database (src/read/)' }),
    LOG_LEVEL: str({ choices: ['debug', 'info', 'warn', 'error'] as const, default: 'info' }),
    JWT_SECRET: str({ default: '' }),
    JWT_MAX_LIFETIME: duration({ default: 12 * 3600, desc: 'Longest accepted staff token lifetime (e.g. 12h, 900s)' }),
    JWT_ISSUER: str({ default: 'city-open-data-gateway' }),
    JWT_AUDIENCE: str({ default: 'city-open-data-gateway' }),
    JWKS_URL: str({ default: '' }),
    GRAPHIQL: bool({ default: true }),
    INTROSPECTION: bool({ default: true }),
    CORS_ORIGINS: corsOrigins({ default: [], desc: 'Comma-separated origins granted CORS, or *; empty = none' }),
    TRUST_PROXY: bool({ default: false, desc: 'Believe X-Forwarded-For (only behind your own proxy)' }),
    MAX_BODY_BYTES: num({ default: 1_000_000 }),
    IMPORT_MAX_BYTES: num({ default: 100_000_000, desc: 'Largest multipart upload (importRecords); held in memory while it is parsed' }),
    MAX_DEPTH: num({ default: 10 }),
    MAX_COST: num({ default: 20_000, desc: 'graphql-armor static cost (objects, scalars, depth)' }),
    MAX_COMPLEXITY: num({ default: 6_000, desc: 'Pothos complexity: connections cost by page size' }),
    MAX_BREADTH: num({ default: 150 }),
    MAX_ALIASES: num({ default: 15 }),
    MAX_TOKENS: num({ default: 2_000 }),
    MAX_DIRECTIVES: num({ default: 20 }),
    RATE_LIMIT_ADDRESS_PER_MINUTE: num({ default: 6_000, desc: 'Every request from one address (IPv6: one /64)' }),
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: num({ default: 300 }),
    RATE_LIMIT_FAILED_CREDENTIALS_PER_MINUTE: num({ default: 20, desc: 'Bad tokens or API keys from one address' }),
    RATE_LIMIT_PARTNER_PER_MINUTE: num({ default: 1_200 }),
    RATE_LIMIT_PARTNER_HIGH_PER_MINUTE: num({ default: 6_000 }),
    RATE_LIMIT_STAFF_PER_MINUTE: num({ default: 6_000 }),
    HARVEST_MAX_BYTES: num({ default: 50_000_000, desc: 'Largest upstream data.json a harvest reads' }),
    HARVEST_TIMEOUT_SECONDS: num({ default: 60, desc: 'Time limit for fetching an upstream data.json' }),
    RATE_LIMIT_SUBMISSIONS_PER_MINUTE: num({ default: 12, desc: 'Public submissions (data requests and complaints) from one address, on top of the other budgets' }),
    LIVE_RETENTION: duration({ default: 7 * 86_400, desc: 'How long change events stay in the outbox (resume window), e.g. 7d' }),
    LIVE_POLL_INTERVAL_MS: num({ default: 1_000, desc: 'Outbox poll when no wake-up arrives (writes outside GraphQL, a Redis outage)' }),
    LIVE_GAP_GRACE_MS: num({ default: 5_000, desc: 'Longest wait for an uncommitted lower sequence before skipping it' }),
    LIVE_MAX_SUBSCRIPTIONS_PER_KEY: num({ default: 20, desc: 'Concurrent subscriptions per API key, staff member or anonymous address' }),
    LIVE_HEARTBEAT_SECONDS: num({ default: 15, desc: 'WebSocket ping and authorization re-check interval' }),
    FOLLOW_DIGEST_INTERVAL: duration({ default: 3600, desc: 'How often the e-mail follow digest runs (each address still gets at most one digest a day), e.g. 1h' }),
    LIVE_IDLE_TIMEOUT: duration({ default: 3600, desc: 'A subscription that delivered nothing for this long is completed (resume with its cursor)' }),
  });
  if (!embedded && raw.SEED_ON_START) {
    throw new Error('SEED_ON_START applies to the embedded database only; seed a PostgreSQL server with `npm run db:seed`');
  }
  const secretProblem = servingSecretProblem({ ...raw, embedded });
  if (secretProblem && requireSecrets) throw new Error(secretProblem);
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
    mail: { smtpUrl: raw.SMTP_URL || undefined, from: raw.MAIL_FROM },
    logLevel: raw.LOG_LEVEL,
    jwt: {
      secret: raw.JWT_SECRET || (embedded ? developmentJwtSecret : ''),
      issuer: raw.JWT_ISSUER,
      audience: raw.JWT_AUDIENCE,
      jwksUrl: raw.JWKS_URL || undefined,
      maxLifetimeSeconds: raw.JWT_MAX_LIFETIME,
    },
    graphiql: raw.GRAPHIQL,
    introspection: raw.INTROSPECTION,
    corsOrigins: raw.CORS_ORIGINS,
    trustProxy: raw.TRUST_PROXY,
    limits: {
      maxBodyBytes: raw.MAX_BODY_BYTES,
      importMaxBytes: raw.IMPORT_MAX_BYTES,
      maxDepth: raw.MAX_DEPTH,
      maxCost: raw.MAX_COST,
      maxComplexity: raw.MAX_COMPLEXITY,
      maxBreadth: raw.MAX_BREADTH,
      maxAliases: raw.MAX_ALIASES,
      maxTokens: raw.MAX_TOKENS,
      maxDirectives: raw.MAX_DIRECTIVES,
    },
    rateLimits: {
      addressPerMinute: raw.RATE_LIMIT_ADDRESS_PER_MINUTE,
      anonymousPerMinute: raw.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
      failedCredentialsPerMinute: raw.RATE_LIMIT_FAILED_CREDENTIALS_PER_MINUTE,
      partnerPerMinute: raw.RATE_LIMIT_PARTNER_PER_MINUTE,
      partnerHighPerMinute: raw.RATE_LIMIT_PARTNER_HIGH_PER_MINUTE,
      staffPerMinute: raw.RATE_LIMIT_STAFF_PER_MINUTE,
      submissionsPerMinute: raw.RATE_LIMIT_SUBMISSIONS_PER_MINUTE,
    },
    appealWindowDays: raw.APPEAL_WINDOW_DAYS,
    complaintSlaHours: raw.COMPLAINT_SLA_HOURS,
    enforcementAppealWindowDays: raw.ENFORCEMENT_APPEAL_WINDOW_DAYS,
    live: {
      retentionSeconds: raw.LIVE_RETENTION,
      pollIntervalMs: raw.LIVE_POLL_INTERVAL_MS,
      gapGraceMs: raw.LIVE_GAP_GRACE_MS,
      maxSubscriptionsPerKey: raw.LIVE_MAX_SUBSCRIPTIONS_PER_KEY,
      heartbeatSeconds: raw.LIVE_HEARTBEAT_SECONDS,
      idleTimeoutSeconds: raw.LIVE_IDLE_TIMEOUT,
      followDigestIntervalSeconds: raw.FOLLOW_DIGEST_INTERVAL,
    },
    harvest: { maxBytes: raw.HARVEST_MAX_BYTES, timeoutMs: raw.HARVEST_TIMEOUT_SECONDS * 1000 },
  };
}

export type Config = ReturnType<typeof loadConfig>;
