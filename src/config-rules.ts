// Validators and cross-setting rules for src/config.ts.
import { makeValidator } from 'envalid';

/** Public (it is in the repository): accepted only by the embedded demo outside production. */
export const developmentJwtSecret = 'dev-only-secret-change-me-in-production-0123456789';

const minimumSecretBytes = 32;

/** Why the gateway may not verify staff tokens with these settings, or undefined when it may. */
export function servingSecretProblem(settings: { JWT_SECRET: string; JWKS_URL: string; NODE_ENV: string; embedded: boolean }) {
  const { JWT_SECRET: secret, JWKS_URL: jwksUrl, NODE_ENV: mode, embedded } = settings;
  if (jwksUrl) return undefined;
  const demo = embedded && mode !== 'production';
  const where = embedded ? 'in production' : 'with DATABASE_URL';
  if (!secret) return demo ? undefined : `Set JWT_SECRET (at least ${minimumSecretBytes} bytes) or JWKS_URL: required ${where}`;
  if (secret === developmentJwtSecret && !demo) return `JWT_SECRET is the public development value; it is refused ${where}`;
  if (Buffer.byteLength(secret) < minimumSecretBytes) return `JWT_SECRET must be at least ${minimumSecretBytes} bytes`;
  return undefined;
}

const units: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** A duration in seconds: `900`, `900s`, `15m`, `12h`, `1d`. */
export const duration = makeValidator<number>((input) => {
  const match = /^(\d+)\s*([smhd]?)$/.exec(String(input).trim());
  if (!match) throw new Error(`"${input}" is not a duration (e.g. 900s, 15m, 12h)`);
  const seconds = Number(match[1]) * units[match[2] || 's']!;
  if (seconds <= 0) throw new Error('A duration must be positive');
  return seconds;
});

/** Comma-separated browser origins (`https://maps.toaks.example`) or `*`; empty = no cross-origin grant. */
export function parseOrigins(input: string): string[] {
  const origins = input.split(',').map((origin) => origin.trim()).filter(Boolean);
  for (const origin of origins) {
    if (origin === '*') continue;
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {}
    if (parsed?.origin !== origin) throw new Error(`"${origin}" is not an origin like https://maps.example.org (scheme, host, optional port)`);
  }
  return origins;
}

export const corsOrigins = makeValidator<string[]>((input) => parseOrigins(String(input)));

const PRIORITIES = ['URGENT', 'HIGH', 'NORMAL', 'LOW'] as const;
export type SlaHours = Record<(typeof PRIORITIES)[number], number>;
export const DEFAULT_SLA_HOURS: SlaHours = { URGENT: 4, HIGH: 24, NORMAL: 72, LOW: 168 };

/** Service-level hours per complaint priority: `URGENT=4,HIGH=24,NORMAL=72,LOW=168` (every priority, positive). */
export const slaHours = makeValidator<SlaHours>((input) => {
  const entries = String(input).split(',').map((pair) => pair.split('=').map((part) => part.trim()));
  const hours: Partial<SlaHours> = {};
  for (const [priority, value] of entries) {
    if (!PRIORITIES.includes(priority as never)) throw new Error(`"${priority}" is not a priority (${PRIORITIES.join(', ')})`);
    const number = Number(value);
    if (!Number.isFinite(number) || number <= 0) throw new Error(`${priority} needs a positive number of hours`);
    hours[priority as keyof SlaHours] = number;
  }
  const missing = PRIORITIES.filter((priority) => hours[priority] === undefined);
  if (missing.length) throw new Error(`hours missing for ${missing.join(', ')}`);
  return hours as SlaHours;
});
