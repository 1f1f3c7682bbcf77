// The order in which budgets are charged, so that abuse costs the gateway as little as possible:
// 1. before anything is parsed or looked up, every request is charged to its address; a request without
//    credentials is also charged to the anonymous budget of its address, and a request with credentials is
//    refused while its address has used up its failed-credentials budget (no token check, no key lookup);
// 2. identity: a bad token or API key is charged to the failed-credentials budget of its address;
// 3. a known partner or staff member is charged to their own budget.
import { RateLimitedError, UnauthenticatedError } from '../errors.js';
import { addressBucket } from './address-bucket.js';
import type { RateLimiter } from './rate-limit.js';
import type { Viewer } from './viewer.js';

export const hasCredentials = (headers: Headers) => headers.has('authorization') || headers.has('x-api-key');

export class CallerLimits {
  constructor(private readonly limiter: RateLimiter) {}

  /** Step 1; throws RateLimitedError. */
  async admit(headers: Headers, address: string): Promise<void> {
    const bucket = addressBucket(address);
    await this.limiter.charge('address', bucket);
    if (hasCredentials(headers)) await this.limiter.ensureLeft('failedCredentials', bucket);
    else await this.limiter.charge('anonymous', bucket);
  }

  /** Steps 2 and 3 around the identity check. */
  async identify(address: string, identifyViewer: () => Promise<Viewer>): Promise<Viewer> {
    let viewer: Viewer;
    try {
      viewer = await identifyViewer();
    } catch (error) {
      if (error instanceof UnauthenticatedError) {
        // This failure is answered 401 anyway; once the budget is spent, step 1 refuses the next ones.
        await this.limiter.charge('failedCredentials', addressBucket(address)).catch((charged) => {
          if (!(charged instanceof RateLimitedError)) throw charged;
        });
      }
      throw error;
    }
    if (viewer.kind !== 'anonymous') await this.limiter.consume(viewer, address);
    return viewer;
  }
}
