import type { StrapiApp } from '@strapi/admin/strapi-admin';
import { Bell, Calendar, ChartPie, Earth, ListSearch, WarningCircle } from '@strapi/icons';
import { KildeWorkflowPanel } from './components/WorkflowPanel';
import { translations } from './messages';

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
    translations,
  },
  register(app: StrapiApp) {
    const contentManager = app.getPlugin('content-manager') as unknown as {
      apis: { addEditViewSidePanel: (panels: unknown[]) => void };
    };
    contentManager.apis.addEditViewSidePanel([KildeWorkflowPanel]);

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
    ]);
  },
};
