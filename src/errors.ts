// Expected failures, raised by domain services and shown to clients with a stable `code`.
// Anything else is unexpected and masked by the server (full detail goes to the log only).
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'VALIDATION_FAILED'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  | 'RATE_LIMITED'
  | 'CATALOG_SOURCE_FAILED'
  | 'CURSOR_EXPIRED'
  | 'TOO_MANY_SUBSCRIPTIONS';

export abstract class AppError extends Error {
  abstract readonly code: ErrorCode;
  /** HTTP status for transports that use one (REST routes, the 429 of rate limiting). */
  readonly httpStatus: number = 200;
  /** Extra, safe-to-show details (field paths, retry-after...). */
  details(): Record<string, unknown> {
    return {};
  }
}

export class UnauthenticatedError extends AppError {
  readonly code = 'UNAUTHENTICATED';
  override readonly httpStatus = 401;
}

export class ForbiddenError extends AppError {
  readonly code = 'FORBIDDEN';
  override readonly httpStatus = 403;
  constructor(message = 'You are not allowed to do this') {
    super(message);
  }
}

export class NotFoundError extends AppError {
  readonly code = 'NOT_FOUND';
  override readonly httpStatus = 404;
  constructor(readonly entity: string, readonly key: string) {
    super(`${entity} ${key} was not found`);
  }
  override details() {
    return { entity: this.entity };
  }
}

export interface FieldProblem {
  path: (string | number)[];
  message: string;
}

export class ValidationError extends AppError {
  readonly code = 'VALIDATION_FAILED';
  override readonly httpStatus = 400;
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((problem) => `${problem.path.join('.') || 'input'}: ${problem.message}`).join('; '));
  }
  override details() {
    return { problems: this.problems };
  }
}

export class ConflictError extends AppError {
  readonly code = 'CONFLICT';
  override readonly httpStatus = 409;
  /** For a stale `expectedVersion`: the version the caller should reload. */
  constructor(message: string, readonly currentVersion: number | null = null) {
    super(message);
  }
  override details() {
    return this.currentVersion === null ? {} : { currentVersion: this.currentVersion };
  }
}

export class InvalidTransitionError extends AppError {
  readonly code = 'INVALID_TRANSITION';
  override readonly httpStatus = 409;
  /** `allowed`: the statuses reachable from `from` (empty when `from` is final). */
  constructor(readonly from: string, readonly to: string, readonly entity: string, readonly allowed: readonly string[] = []) {
    super(`${entity} cannot go from ${from} to ${to} (allowed from ${from}: ${allowed.length ? allowed.join(', ') : 'none'})`);
  }
  override details() {
    return { from: this.from, to: this.to, allowed: this.allowed };
  }
}

export class RateLimitedError extends AppError {
  readonly code = 'RATE_LIMITED';
  override readonly httpStatus = 429;
  constructor(readonly retryAfterSeconds: number) {
    super(`Rate limit exceeded; retry after ${retryAfterSeconds} s`);
  }
  override details() {
    return { retryAfterSeconds: this.retryAfterSeconds };
  }
}

/** A resume cursor older than the outbox keeps events: the gap cannot be replayed. */
export class CursorExpiredError extends AppError {
  readonly code = 'CURSOR_EXPIRED';
  override readonly httpStatus = 410;
  constructor(readonly retentionSeconds: number) {
    super(`This cursor is older than the ${Math.round(retentionSeconds / 3600)} h the change history is kept: resubscribe without "since" and reload current state`);
  }
  override details() {
    return { retentionSeconds: this.retentionSeconds };
  }
}

export class TooManySubscriptionsError extends AppError {
  readonly code = 'TOO_MANY_SUBSCRIPTIONS';
  override readonly httpStatus = 429;
  constructor(readonly limit: number) {
    super(`At most ${limit} concurrent subscriptions per caller: close one first`);
  }
  override details() {
    return { limit: this.limit };
  }
}
