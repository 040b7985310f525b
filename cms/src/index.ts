import type { Core } from '@strapi/strapi';
import { runMigrations } from '@kilde/store';
import { loadCmsConfig } from './settings/load-config';
import { registerPublicationMiddleware } from './publication/publication-middleware';
import { ensureLocales } from './strapi/locales';
import { startDispatcher, type RunningDispatcher } from './outbox/dispatcher';
import { scheduleOutboxPrune } from './outbox/retention';
import { loadSeed } from './seed/load-seed';
import { ensureDemoAccounts, ensureEditorialRoles } from './demo/demo-accounts';
import { ensureDemoPartnerKey } from './demo/demo-partner-key';
import { ensureDemoWidgetKey } from './demo/demo-widget-key';
import { registerSearchAnalytics } from './search-analytics';
import { documentsOf } from './strapi/content-types';
import { bootstrapWorkflow, currentPublicationMeta, registerWorkflow, runAs, systemActor } from './workflow';
import { registerInternalChannel } from './internal';
import { bootstrapAnswerService } from './answer-service';
import { registerObservability } from './observability';
import { currentRequestId } from './observability/request-context';
import { registerAudit } from './audit';
import { partnerKeyRoutes } from './partner-keys/routes';
import { bootstrapWebhooks, registerWebhooks, stopWebhooks } from './webhooks';
import { bootstrapImport } from './import';

let dispatcher: RunningDispatcher | undefined;

/** The running outbox dispatcher of this process, if it runs one. */
export function getDispatcher(): RunningDispatcher | undefined {
  return dispatcher;
}

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerObservability(strapi, { metricsToken: loadCmsConfig().metricsToken });
    // The workflow first: document middlewares run in registration order, so it wraps the
    // publication hook (checks before Strapi writes, records after the read store is written).
    registerWorkflow(strapi, { onCommitted: () => dispatcher?.wake() });
    registerPublicationMiddleware(strapi, {
      onCommitted: () => dispatcher?.wake(),
      meta: () => ({ requestId: currentRequestId(), ...currentPublicationMeta() }),
    });
    registerWebhooks(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    const config = loadCmsConfig();
    await runMigrations(strapi.db.connection);
    await ensureLocales(strapi);
    await bootstrapWorkflow(strapi, { sendEmail: config.isProduction, scheduleJobs: config.env !== 'test' });
    await ensureEditorialRoles(strapi);
    registerAudit(strapi);
    strapi.server.routes(partnerKeyRoutes(strapi) as never);
    registerInternalChannel(strapi);
    bootstrapAnswerService(strapi, { scheduleJobs: config.env !== 'test' });
    registerSearchAnalytics(strapi, { scheduleJobs: config.env !== 'test' });
    if (config.env !== 'test') scheduleOutboxPrune(strapi, config.outbox);
    if (config.runDispatcher) dispatcher = startDispatcher(strapi);
    bootstrapWebhooks(strapi, { runWorker: config.runDispatcher });
    await bootstrapImport(strapi, { resumeJobs: config.runDispatcher });

    const empty = (await documentsOf(strapi, 'article').count({})) === 0;
    if (config.seed === 'always' || (config.seed === 'auto' && empty)) {
      // The seed library was reviewed before it was written down: it publishes as a named system
      // actor with its own change note, and still has to pass the quality gate.
      const report = await runAs(systemActor('seed'), () => loadSeed(strapi), {
        changeNote: { kind: 'content-update', text: 'Kilde seed library' },
      });
      strapi.log.info(
        `Kilde seed library published: ${report.articles} article variants, ${report.questions} answered questions, ` +
          `${report.topics} topics, ${report.organisations} organisations, ${report.services} services in ${report.seconds.toFixed(1)} s`,
      );
    }
    if (config.env === 'development') {
      const accounts = await ensureDemoAccounts(strapi, config.dataDir);
      const key = await ensureDemoPartnerKey(strapi.db.connection, config.dataDir);
      if (await ensureDemoWidgetKey(strapi.db.connection, config.dataDir)) strapi.log.info(`Demo search-widget key: ${config.dataDir}/demo-widget-key`);
      if (accounts.length > 0 || key) {
        strapi.log.info(`Demo accounts: ${config.dataDir}/demo-accounts.json; demo partner key: ${config.dataDir}/demo-partner-key`);
      }
    }
  },

  async destroy() {
    await stopWebhooks();
    await dispatcher?.stop();
    dispatcher = undefined;
  },
};
