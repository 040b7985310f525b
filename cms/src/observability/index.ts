/**
 * Observability of the CMS process (issue #10): a request id on every request (echoed, carried
 * onto outbox rows and the audit log) and Prometheus metrics at `/metrics`.
 * Registered in `register`, so both wrap Strapi's own middlewares (errors included).
 */
import type { Core } from '@strapi/strapi';
import { registerMetrics } from './metrics';
import { registerRequestContext } from './request-context';

export function registerObservability(
  strapi: Core.Strapi,
  options: { metricsToken?: string },
): void {
  registerRequestContext(strapi);
  registerMetrics(strapi, { token: options.metricsToken });
}

export { cmsMetrics } from './metrics';
export { currentRequestId, withRequestId } from './request-context';
