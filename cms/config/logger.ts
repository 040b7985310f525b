import { winston, formats } from '@strapi/logger';
import { loadCmsConfig } from '../src/settings/load-config';

// Strapi's logger is winston, whose level names differ from pino's: map the shared names.
const levels: Record<string, string> = { fatal: 'error', trace: 'silly', silent: 'error' };

export default () => {
  const { logLevel } = loadCmsConfig();
  return {
    level: levels[logLevel] ?? logLevel,
    format: formats.prettyPrint({ timestamps: 'YYYY-MM-DD HH:mm:ss.SSS' }),
    transports: [new winston.transports.Console({ silent: logLevel === 'silent' })],
  };
};
