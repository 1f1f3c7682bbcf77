// Determinism helpers for the seed: a small seeded PRNG (mulberry32), name-derived UUIDs and a fixed clock.
// Nothing here reads the wall clock or Math.random(), so every run writes the same rows.
import { createHash } from 'node:crypto';

/** The seed's "now": every timestamp is computed relative to this instant. */
export const ANCHOR = new Date('2026-11-20T17:00:00Z');
export const DAY_MS = 86_400_000;
/** The last full day of data: generated dates never go past it. */
export const LAST_DAY = new Date(ANCHOR.getTime() - DAY_MS);

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A 32-bit seed from any string (first four bytes of its SHA-256). */
export function seedFrom(text: string): number {
  return createHash('sha256').update(text, 'utf8').digest().readUInt32BE(0);
}

/** mulberry32: tiny, fast and good enough for plausible fake data. */
export class Rng {
  #state: number;

  constructor(seed: number | string) {
    this.#state = typeof seed === 'number' ? seed >>> 0 : seedFrom(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A number in [min, max) rounded to `digits` decimals. */
  decimal(min: number, max: number, digits = 2): number {
    const factor = 10 ** digits;
    return Math.round((min + this.next() * (max - min)) * factor) / factor;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('seed: pick from an empty list');
    return item;
  }

  /** Picks from [value, weight] pairs in proportion to the weights. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of items) {
      roll -= weight;
      if (roll < 0) return value;
    }
    const last = items[items.length - 1];
    if (last === undefined) throw new Error('seed: weighted pick from an empty list');
    return last[0];
  }

  /** `length` characters from [A-Za-z0-9]. */
  alphanumeric(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += ALPHANUMERIC.charAt(Math.floor(this.next() * ALPHANUMERIC.length));
    return out;
  }
}

/** The generator stream of one dataset's records: independent of every other dataset. */
export function recordRng(identifier: string): Rng {
  return new Rng(`records:${identifier}`);
}

const NAMESPACE = Buffer.from('6f1c5a0e9b3d4e2a8c7f0d1e2b3a4c5d', 'hex');

/** A version-5 style UUID (SHA-1 of a fixed namespace + kind + name): same input, same id. */
export function stableId(kind: string, name: string): string {
  const bytes = createHash('sha1').update(NAMESPACE).update(`${kind}:${name}`, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A tracking token such as `trk_` + 32 characters, fixed per reference. */
export function trackingToken(reference: string): string {
  return `trk_${new Rng(`tracking-token:${reference}`).alphanumeric(32)}`;
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

export function addHours(date: Date, hours: number): Date {
  return new Date(date.getTime() + hours * 3_600_000);
}

/** ANCHOR minus `days` days (fractions allowed). */
export function daysAgo(days: number): Date {
  return addDays(ANCHOR, -days);
}

/** 'YYYY-MM-DD' (UTC). */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A UTC midnight Date from 'YYYY-MM-DD'. */
export function day(text: string): Date {
  return new Date(`${text}T00:00:00Z`);
}
