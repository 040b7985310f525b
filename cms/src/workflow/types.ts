import type { DocumentType, Locale } from '@kilde/schemas';

/** Workflow stages of one language variant, in the order work normally flows. */
export const STAGES = [
  'draft',
  'professional-review',
  'editorial-review',
  'ready',
  'published',
  'revision-due',
] as const;

/** Where a language variant is in the editorial workflow. */
export type Stage = (typeof STAGES)[number];

/** The editorial roles of the Helsenorge method (admin role codes are `kilde-<role>`). */
export const EDITORIAL_ROLES = [
  'writer',
  'professional-reviewer',
  'editor',
  'publisher',
  'local-editor',
] as const;

export type EditorialRole = (typeof EDITORIAL_ROLES)[number];

/** Kinds of change note an editor picks when publishing. */
export const CHANGE_NOTE_KINDS = [
  'minor-correction',
  'content-update',
  'professional-review',
  'other',
] as const;

export type ChangeNoteKind = (typeof CHANGE_NOTE_KINDS)[number];

/** Why a version was published: a kind, plus free text (required for `other`). */
export interface ChangeNote {
  kind: ChangeNoteKind;
  text: string | null;
}

/**
 * Who is acting.
 * - `admin`: a person signed in to the admin (their Kilde roles come from their admin roles).
 * - `system`: trusted server code that says who it is (seed, import, the review-cycle job, CLI).
 * - `integration`: a Content API caller (API token, end user) — may write drafts, never publish.
 */
export type Actor =
  | {
      kind: 'admin';
      id: number;
      email: string;
      name: string;
      roles: readonly EditorialRole[];
      /** Strapi's super admin: may take every step (still subject to the gate). */
      administrator: boolean;
      /** documentIds of the organisations a local editor works for. */
      organisations: readonly string[];
    }
  | { kind: 'system'; name: string }
  | { kind: 'integration'; name: string };

/** The types that go through the editorial workflow (stages, gate, review cycle). */
export type WorkflowType = Extract<DocumentType, 'article' | 'question'>;

export function isWorkflowType(type: DocumentType): type is WorkflowType {
  return type === 'article' || type === 'question';
}

/** One language variant of one document. */
export interface VariantKey {
  type: DocumentType;
  documentId: string;
  locale: Locale;
}

/** What the workflow log records. */
export type WorkflowEventKind =
  | 'transition'
  | 'publish'
  | 'unpublish'
  | 'review-confirmed'
  | 'revision-due'
  | 'overdue'
  | 'translation-outdated'
  | 'translation-updated'
  | 'restore';

/** One row of the workflow log. */
export interface WorkflowEvent {
  id: number;
  type: DocumentType;
  documentId: string;
  locale: Locale;
  kind: WorkflowEventKind;
  fromStage: Stage | null;
  toStage: Stage | null;
  actor: string;
  actorName: string | null;
  comment: string | null;
  changeNote: ChangeNote | null;
  version: number | null;
  createdAt: string;
}
