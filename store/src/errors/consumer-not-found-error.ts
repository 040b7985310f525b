import { KildeError } from '@kilde/schemas';

/** No outbox consumer of that name has ever run against this database. */
export class ConsumerNotFoundError extends KildeError {
  constructor(name: string) {
    super('OUTBOX_CONSUMER_NOT_FOUND', `No outbox consumer named "${name}"`, {
      status: 404,
      details: { consumer: name },
    });
  }
}
