/** @kilde/api — the partner-facing API process (GraphQL, export/import, search, widget). */
export { createApiServer } from './server';
export type { ApiServer, ApiServerOptions } from './server';
export { loadApiConfig } from './config/load-config';
export type { ApiConfig, ApiConfigInput } from './config/load-config';
export { ApiErrorCode } from './http/error-codes';
