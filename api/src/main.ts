import pino from 'pino';
import { createDatabase } from '@kilde/store';
import { ConfigError } from '@kilde/schemas';
import { loadApiConfig } from './config/load-config';
import { createApiServer } from './server';

/** Entry point of the API process (`node api/dist/main.js`). */
async function main(): Promise<void> {
  let config;
  try {
    config = loadApiConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`kilde-api: ${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const logger = pino({ level: config.logLevel, base: { service: 'kilde-api' } });
  const knex = await createDatabase({ url: config.databaseUrl });
  const api = await createApiServer({ knex, logger });
  const url = await api.listen(config.port, config.host);
  logger.info(`Kilde API listening on ${url} (GraphQL at /graphql)`);
  const shutdown = (): void => {
    logger.info('shutting down');
    void api.close().then(() => knex.destroy()).then(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

void main();
