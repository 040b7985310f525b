import { KildeError } from '@kilde/schemas';

/**
 * An outbox consumer cannot be forgotten while a dispatcher holds its lease: it runs somewhere,
 * and forgetting it would only make that process re-register it from the start after a restart.
 */
export class ConsumerLeaseHeldError extends KildeError {
  constructor(
    readonly consumer: string,
    readonly leaseOwner: string,
    readonly leaseExpiresAt: string,
  ) {
    super(
      'OUTBOX_CONSUMER_RUNNING',
      `Outbox consumer "${consumer}" is running: ${leaseOwner} holds its lease until ${leaseExpiresAt}. Stop that process (or remove the consumer from its configuration) first`,
      { status: 409, details: { consumer, leaseOwner, leaseExpiresAt } },
    );
  }
}
