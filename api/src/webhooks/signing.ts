import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A new endpoint secret in the Standard Webhooks form (`whsec_` + base64 of 32 random bytes). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The events a partner can subscribe to. */
export const webhookEvents = [
  'content.published',
  'content.updated',
  'content.unpublished',
  'content.deleted',
] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

/**
 * Standard Webhooks headers for one delivery attempt: `webhook-id` (stable across retries, so the
 * partner can de-duplicate), `webhook-timestamp` (this attempt) and `webhook-signature` with one
 * `v1,` signature per live secret — during a rotation both the new and the previous secret sign,
 * so the partner can switch at their own pace.
 */
export function signWebhook(input: {
  id: string;
  payload: string;
  secrets: readonly string[];
  now?: Date;
}): Record<string, string> {
  const now = input.now ?? new Date();
  const signatures = input.secrets.map((secret) =>
    new Webhook(secret).sign(input.id, now, input.payload),
  );
  return {
    'webhook-id': input.id,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}
