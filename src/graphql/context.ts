// Per-request context: the database, who is calling, and per-request caches.
import type { Database } from '../db/client.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Viewer } from '../access/viewer.js';
import type { Config } from '../config.js';
import type { Reader } from '../read/reader.js';

export interface Context {
  db: Database;
  prisma: PrismaClient;
  /** Hot public reads (catalog, records pages): one JSON statement each on the lean path. */
  reader: Reader;
  config: Config;
  viewer: Viewer;
  clientIp: string;
  /** Submissions (requests, complaints) whose tracking token this request presented and proved. */
  trackedSubmissions: Set<string>;
  /** Takes one public submission from the caller's address budget; throws RateLimitedError when spent. */
  chargeSubmission: () => Promise<void>;
  /** The request's Idempotency-Key header: a retried submission carrying it returns the first one. */
  idempotencyKey: string | null;
}
