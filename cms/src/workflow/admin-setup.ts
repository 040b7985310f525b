import type { Core } from '@strapi/strapi';
import { contentTypeUids } from '../strapi/content-types';
import { organisationsOf } from './actor';

/** Id of the local-editor condition (`api::` because it is the app's own, not a plugin's). */
export const OWN_ORGANISATION_CONDITION = 'api::is-own-organisation';

interface ConditionProvider {
  register(condition: {
    displayName: string;
    name: string;
    category?: string;
    handler: (user: { email?: string | null }) => Promise<boolean | Record<string, unknown>>;
  }): Promise<unknown>;
  has?(id: string): boolean;
}

/**
 * Registers the admin permission condition "provider is the user's own organisation", so the
 * content manager lists and opens only a local editor's own content. The workflow middleware
 * enforces the same rule on every write, whatever path it comes through.
 */
export async function registerOwnOrganisationCondition(strapi: Core.Strapi): Promise<void> {
  const provider = (
    strapi.service('admin::permission') as unknown as { conditionProvider: ConditionProvider }
  ).conditionProvider;
  if (provider.has?.(OWN_ORGANISATION_CONDITION)) return;
  await provider.register({
    displayName: 'Provider is own organisation (local editor)',
    name: 'is-own-organisation',
    category: 'Kilde',
    handler: async (user) => {
      const ids = user.email ? await organisationsOf(strapi, user.email) : [];
      return ids.length > 0 ? { 'provider.documentId': { $in: ids } } : false;
    },
  });
}

interface CmConfiguration {
  metadatas: Record<string, { edit?: Record<string, unknown>; list?: Record<string, unknown> }>;
  layouts: { list: string[]; edit: { name: string; size: number }[][] };
  [key: string]: unknown;
}

interface CmContentTypes {
  findContentType(uid: string): unknown;
  findConfiguration(contentType: unknown): Promise<CmConfiguration>;
  updateConfiguration(
    contentType: unknown,
    configuration: Record<string, unknown>,
  ): Promise<unknown>;
}

const READ_ONLY = ['workflowStage', 'lastReviewed', 'nextReviewDue'];

const LABELS: Record<string, { label: string; description: string }> = {
  workflowStage: {
    label: 'Workflow stage (arbeidsflyt)',
    description: 'Changed with the buttons in the Kilde panel.',
  },
  lastReviewed: {
    label: 'Last professional review',
    description: 'Set when published with "professional review" or confirmed still correct.',
  },
  nextReviewDue: {
    label: 'Next review due',
    description: 'Last review + review interval (article, else topic, else 12 months).',
  },
  changeNoteKind: {
    label: 'Change note: kind (endringsnotat)',
    description:
      'Required to publish: minor correction, content update, professional review or other.',
  },
  changeNote: {
    label: 'Change note: text',
    description: 'What changed, in a sentence. Required for "other".',
  },
};

/**
 * Adjusts the content manager's edit view for articles and questions: workflow-owned fields are
 * shown read-only with explanations, and the list view shows the stage.
 */
export async function configureAdminLayouts(strapi: Core.Strapi): Promise<void> {
  const service = strapi.plugin('content-manager')?.service('content-types') as unknown as
    | CmContentTypes
    | undefined;
  if (!service) return;
  for (const uid of [contentTypeUids.article, contentTypeUids.question]) {
    const contentType = service.findContentType(uid);
    if (!contentType) continue;
    const config = await service.findConfiguration(contentType);
    let changed = false;
    for (const [field, text] of Object.entries(LABELS)) {
      const meta = config.metadatas[field];
      if (!meta?.edit) continue;
      const editable = !READ_ONLY.includes(field);
      if (
        meta.edit.label !== text.label ||
        meta.edit.description !== text.description ||
        meta.edit.editable !== editable
      ) {
        meta.edit = { ...meta.edit, label: text.label, description: text.description, editable };
        changed = true;
      }
    }
    if (!config.layouts.list.includes('workflowStage')) {
      config.layouts.list = [...config.layouts.list.slice(0, 3), 'workflowStage'];
      changed = true;
    }
    if (changed) {
      const { metadatas, layouts, settings } = config as CmConfiguration & { settings: unknown };
      await service.updateConfiguration(contentType, { metadatas, layouts, settings });
    }
  }
}
