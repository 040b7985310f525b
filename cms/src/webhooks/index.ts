/**
 * Webhooks (issue #6): partner endpoints (a content type, edited in the admin and through the
 * API), an outbox consumer that fans events out per endpoint, and a worker that delivers them
 * signed (Standard Webhooks) with retries, a delivery log and manual redelivery.
 */
import type { Core } from '@strapi/strapi';
import { registerOutboxConsumer } from '../outbox/dispatcher';
import { registerEndpointMiddleware } from './endpoints';
import { createWebhookConsumer, createWebhookWorker, type WebhookWorker } from './deliveries';
import { registerWebhookInternalRoutes } from './routes';
import { webhookAdminRoutes } from './admin-routes';

let current: Core.Strapi | undefined;
let worker: WebhookWorker | undefined;
let consumerRegistered = false;

/** In `register`: endpoint validation and the outbox consumer (once per process). */
export function registerWebhooks(strapi: Core.Strapi): void {
  current = strapi;
  registerEndpointMiddleware(strapi);
  if (consumerRegistered) return;
  consumerRegistered = true;
  // The consumer list is per process; the consumer follows whichever Strapi runs now (tests boot several in turn).
  const proxy = new Proxy({} as Core.Strapi, {
    get: (_t, key) => (current as unknown as Record<PropertyKey, unknown>)[key],
  });
  registerOutboxConsumer(createWebhookConsumer(proxy, () => worker?.wake()));
}

/**
 * In `bootstrap`: internal routes for the API, the admin's delivery log routes, and the delivery
 * worker where the dispatcher runs (on every CMS node that runs one: claims keep them apart).
 */
export function bootstrapWebhooks(strapi: Core.Strapi, options: { runWorker: boolean }): void {
  const wake = (): void => worker?.wake();
  registerWebhookInternalRoutes(strapi, { wake });
  strapi.server.routes(webhookAdminRoutes(strapi, { wake }) as never);
  if (options.runWorker) {
    worker = createWebhookWorker(strapi);
    worker.start();
  }
}

/** The running delivery worker (tests drive it). */
export function getWebhookWorker(): WebhookWorker | undefined {
  return worker;
}

export async function stopWebhooks(): Promise<void> {
  await worker?.stop();
  worker = undefined;
}

export { setWebhookTiming } from './timing';
export { isPrivateAddress, refuseEndpointUrl } from './url-guard';
