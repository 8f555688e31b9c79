import type { ErrorCode } from './contract/common';

const statusOf: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  version_mismatch: 412,
  version_required: 428,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
};

/** A refusal the API answers with its error shape; anything else thrown is a 500. */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    /** For 429: seconds until trying again is worth it (sent as Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = statusOf[code];
  }
}
