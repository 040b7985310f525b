import type { StrapiApp } from '@strapi/admin/strapi-admin';
import {
  Bell,
  Message,
  Calendar,
  ChartPie,
  Earth,
  ListSearch,
  PaperPlane,
  Search,
  ClockCounterClockwise,
  WarningCircle,
} from '@strapi/icons';
import { auditTranslations } from './audit-messages';
import { PartnerKeysPanel } from './components/PartnerKeysPanel';
import { partnerKeysTranslations } from './partner-keys-messages';
import { KildeWorkflowPanel } from './components/WorkflowPanel';
import { answerTranslations } from './answer-service/messages';
import { translations } from './messages';
import { searchAnalyticsTranslations } from './search-analytics-messages';
import { webhooksTranslations } from './webhooks-messages';
import { WebhookEndpointPanel } from './components/WebhookEndpointPanel';

const title = (id: string, defaultMessage: string) => ({ id: `kilde.${id}`, defaultMessage });

/**
 * Kilde's admin extensions: the workflow side panel in the edit view and the editorial widgets on
 * the homepage. Both talk to the workflow's admin API (`/kilde/...`); the server decides, the UI
 * only shows what the signed-in user may do.
 */
export default {
  config: {
    // Norwegian (bokmål) beside English; Strapi's admin calls it `no`.
    locales: ['no'],
    translations: Object.fromEntries(
      Object.entries(translations).map(([l, m]) => [
        l,
        {
          ...m,
          ...searchAnalyticsTranslations[l],
          ...auditTranslations[l],
          ...partnerKeysTranslations[l],
          ...answerTranslations[l],
          ...webhooksTranslations[l],
        },
      ]),
    ),
  },
  register(app: StrapiApp) {
    const contentManager = app.getPlugin('content-manager') as unknown as {
      apis: { addEditViewSidePanel: (panels: unknown[]) => void };
    };
    contentManager.apis.addEditViewSidePanel([
      KildeWorkflowPanel,
      PartnerKeysPanel,
      WebhookEndpointPanel,
    ]);

    // The audit log page; the server lets only administrators and editors read it.
    app.addMenuLink({
      to: 'kilde-audit',
      icon: ClockCounterClockwise,
      intlLabel: title('audit.menu', 'Audit log'),
      Component: () => import('./pages/AuditLogPage'),
      permissions: [],
    });

    // Webhook endpoints and their delivery log; administrators, editors and publishers may read,
    // administrators and editors redeliver and switch endpoints on (the server decides).
    app.addMenuLink({
      to: 'kilde-webhooks',
      icon: PaperPlane,
      intlLabel: title('webhooks.menu', 'Partner webhooks'),
      Component: () => import('./pages/WebhooksPage'),
      permissions: [],
    });

    // The answer service: queue, answering, second opinion, publishing to the archive (server decides who).
    app.addMenuLink({
      to: 'kilde-answers',
      icon: Message,
      intlLabel: title('answers.menu', 'Answer service'),
      Component: () => import('./answer-service/AnswerServicePage'),
      permissions: [],
    });

    const widget = (
      id: string,
      label: string,
      icon: typeof Bell,
      name: keyof typeof import('./widgets/Widgets'),
    ) => ({
      id,
      icon,
      title: title(`widget.${id}.title`, label),
      component: async () => (await import('./widgets/Widgets'))[name],
    });
    app.widgets.register([
      widget('tasks', 'My tasks by stage', ListSearch, 'TasksWidget'),
      widget('reviews', 'Reviews: overdue and due soon', Calendar, 'ReviewsWidget'),
      widget('gate', 'Gate failures in work in progress', WarningCircle, 'GateFailuresWidget'),
      widget('nynorsk', 'Nynorsk share of published articles', ChartPie, 'NynorskWidget'),
      widget('translations', 'Translation gaps per topic', Earth, 'TranslationGapsWidget'),
      widget('notifications', 'Notifications (development mail sink)', Bell, 'NotificationsWidget'),
      {
        id: 'search-analytics',
        icon: Search,
        title: title(
          'widget.search-analytics.title',
          'What young people search for and do not find',
        ),
        component: async () =>
          (await import('./widgets/SearchAnalyticsWidget')).SearchAnalyticsWidget,
      },
    ]);
  },
};
