/**
 * Error codes partners can rely on, in GraphQL `extensions.code` and REST `error.code`.
 * Append only: a code, once shipped, keeps its meaning.
 */
export enum ApiErrorCode {
  BadUserInput = 'BAD_USER_INPUT',
  BadRequest = 'BAD_REQUEST',
  NotFound = 'NOT_FOUND',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  RateLimited = 'RATE_LIMITED',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  Internal = 'INTERNAL_SERVER_ERROR',
}
