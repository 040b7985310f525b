import type { RestModule } from './types';
import { publicSearchModule } from '../public-search';
import { widgetModule } from '../widget';
import { questionsModule } from '../questions';
import { importExportModule } from '../import-export';
import { webhooksModule } from '../webhooks';

export type { RestContext, RestModule, RestRequest, RestRoute } from './types';

/**
 * Every REST module, in match order. Each feature adds its module here (one line) and keeps its
 * code in its own folder (`api/src/<feature>/`).
 */
export const restModules: RestModule[] = [
  publicSearchModule,
  questionsModule, // before the widget: it serves /sporsmal (the widget's placeholder there is unused)
  widgetModule,
  importExportModule,
  webhooksModule,
];
