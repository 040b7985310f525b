/**
 * Error codes partners can rely on, in GraphQL `errors[].extensions.code`.
 * Append only: a code, once shipped, keeps its meaning. `docs/partners.md` lists them all.
 * @remarks Apollo Server's own codes (`GRAPHQL_PARSE_FAILED`, `PERSISTED_QUERY_NOT_FOUND`, …) are
 * included so partners can switch over one closed set.
 */
export enum ApiErrorCode {
  /** An argument is wrong (both `id` and `slug`, a malformed cursor, a bad date). */
  BadUserInput = 'BAD_USER_INPUT',
  /** The HTTP request is not a GraphQL request (bad JSON, missing `query`, wrong parameter types). */
  BadRequest = 'BAD_REQUEST',
  /** No such route. */
  NotFound = 'NOT_FOUND',
  /** Unsupported HTTP method on /graphql. */
  MethodNotAllowed = 'METHOD_NOT_ALLOWED',
  /** POST body is neither `application/json` nor `application/graphql-response+json`-compatible. */
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  /** No `Authorization: Bearer <key>` header. HTTP 401. */
  ApiKeyMissing = 'API_KEY_MISSING',
  /** The key is not one Kilde issued. HTTP 401. */
  ApiKeyInvalid = 'API_KEY_INVALID',
  /** The key was revoked. HTTP 401. */
  ApiKeyRevoked = 'API_KEY_REVOKED',
  /** The key expired (for example at the end of a rotation's overlap). HTTP 401. */
  ApiKeyExpired = 'API_KEY_EXPIRED',
  /** The key lacks a scope the operation needs (`extensions.requiredScopes`). HTTP 403. */
  InsufficientScope = 'INSUFFICIENT_SCOPE',
  /** The key's token bucket is empty; see `Retry-After`. HTTP 429. */
  RateLimited = 'RATE_LIMITED',
  /** The request body exceeds the byte limit. HTTP 413. */
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  /** The GraphQL document exceeds 16 KB. HTTP 413. */
  DocumentTooLarge = 'DOCUMENT_TOO_LARGE',
  /** A batch holds more than 10 operations. HTTP 400. */
  BatchTooLarge = 'BATCH_TOO_LARGE',
  /** Selections nest deeper than 10 levels. */
  QueryTooDeep = 'QUERY_TOO_DEEP',
  /** The estimated cost exceeds 1,000 (`extensions.cost`, `extensions.maximumCost`). */
  QueryTooComplex = 'QUERY_TOO_COMPLEX',
  /** More than 30 aliased fields. */
  TooManyAliases = 'TOO_MANY_ALIASES',
  /** `first` is above 100 or below 0. */
  PageSizeTooLarge = 'PAGE_SIZE_TOO_LARGE',
  /** `search` was asked but no search engine is configured for this API process. */
  SearchUnavailable = 'SEARCH_UNAVAILABLE',
  /** The GraphQL document does not parse (Apollo Server). */
  GraphqlParseFailed = 'GRAPHQL_PARSE_FAILED',
  /** The document does not validate against the schema (Apollo Server). */
  GraphqlValidationFailed = 'GRAPHQL_VALIDATION_FAILED',
  /** `operationName` names no operation in the document (Apollo Server). */
  OperationResolutionFailure = 'OPERATION_RESOLUTION_FAILURE',
  /** APQ: the hash is unknown; send the query once with its hash (Apollo Server). */
  PersistedQueryNotFound = 'PERSISTED_QUERY_NOT_FOUND',
  /** APQ is not supported (not returned by Kilde, listed for completeness). */
  PersistedQueryNotSupported = 'PERSISTED_QUERY_NOT_SUPPORTED',
  /** The database or another dependency is unavailable; retry later. HTTP 503. */
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  /** Something failed inside Kilde; details are logged, never shown. */
  Internal = 'INTERNAL_SERVER_ERROR',
  /** A widget key was used without an `Origin` header or from an origin it does not allow. HTTP 403. */
  OriginNotAllowed = 'ORIGIN_NOT_ALLOWED',
  /** Answer service: the same question was sent in the last 24 hours. HTTP 409. */
  QuestionDuplicate = 'QUESTION_DUPLICATE',
  /** Answer service: the question looks like spam (links, advertising, no words). HTTP 422. */
  QuestionRejected = 'QUESTION_REJECTED',
  /** Answer service: no question matches the receipt code. HTTP 404. */
  ReceiptNotFound = 'RECEIPT_NOT_FOUND',
  /** Import: the batch was refused; `details.issues` lists each problem (file, line, path, import code). HTTP 422. */
  ImportRejected = 'IMPORT_REJECTED',
  /** Import: publishing was asked for, but the partner is not marked as trusted. HTTP 403. */
  PublishNotAllowed = 'PUBLISH_NOT_ALLOWED',
  /** Webhooks: the CMS refused the endpoint (`details.errors` says which field). HTTP 400. */
  WebhookInvalid = 'WEBHOOK_INVALID',
  /**
   * `changes` / delta export: the `since` cursor (or no cursor, "from the beginning") is older
   * than the change history Kilde keeps. Take a full export and continue from its
   * `X-Kilde-Changes-Cursor`. HTTP 410.
   */
  CursorExpired = 'CURSOR_EXPIRED',
}

/** What a partner whose cursor expired should do; the same words on GraphQL and REST. */
export const CURSOR_EXPIRED_MESSAGE =
  'This `since` cursor is older than the change history Kilde keeps, so changes after it can no longer be listed completely. ' +
  'Take a full export (GET /v1/export) and continue from its `X-Kilde-Changes-Cursor` header.';

/** The same refusal for `changes` without `since`: the beginning of the history is gone. */
export const HISTORY_START_PRUNED_MESSAGE =
  'Kilde no longer keeps the change history from the beginning, so `changes` without `since` cannot list everything. ' +
  'Take a full export (GET /v1/export) and continue from its `X-Kilde-Changes-Cursor` header.';

/** Codes of errors that mean "the GraphQL request itself is wrong" (validation-phase errors). */
export const requestErrorCodes: ReadonlySet<string> = new Set<string>([
  ApiErrorCode.GraphqlParseFailed,
  ApiErrorCode.GraphqlValidationFailed,
  ApiErrorCode.BadUserInput,
  ApiErrorCode.QueryTooDeep,
  ApiErrorCode.QueryTooComplex,
  ApiErrorCode.TooManyAliases,
  ApiErrorCode.PageSizeTooLarge,
  ApiErrorCode.OperationResolutionFailure,
]);
