import type { Actor, ChangeNote, EditorialRole, Stage } from './types';

/** The named steps a variant can take. `publish` and `confirm-still-correct` have their own paths. */
export type StepId =
  | 'submit-for-professional-review'
  | 'approve-professional'
  | 'approve-editorial'
  | 'request-professional-review'
  | 'return-to-draft'
  | 'return-to-editorial'
  | 'start-revision'
  | 'publish'
  | 'confirm-still-correct';

/**
 * One permitted move. `via` says which server path performs it: a plain stage change, Strapi's
 * publish (gate, change note), or the review confirmation (no content change).
 */
export interface Step {
  id: StepId;
  from: Stage;
  to: Stage;
  roles: readonly EditorialRole[];
  via: 'transition' | 'publish' | 'confirm';
}

const AUTHORS: readonly EditorialRole[] = ['writer', 'editor', 'local-editor'];
const EDITORS: readonly EditorialRole[] = ['editor', 'local-editor'];
const REVISERS: readonly EditorialRole[] = [
  'writer',
  'editor',
  'local-editor',
  'professional-reviewer',
];

const step = (
  id: StepId,
  from: Stage,
  to: Stage,
  roles: readonly EditorialRole[],
  via: Step['via'] = 'transition',
): Step => ({
  id,
  from,
  to,
  roles,
  via,
});

/** Every step out of a stage, whoever may take it. */
export function stepsFrom(stage: Stage): Step[] {
  switch (stage) {
    case 'draft':
      return [step('submit-for-professional-review', stage, 'professional-review', AUTHORS)];
    case 'professional-review':
      return [
        step('approve-professional', stage, 'editorial-review', ['professional-reviewer']),
        step('return-to-draft', stage, 'draft', ['professional-reviewer', ...EDITORS]),
      ];
    case 'editorial-review':
      return [
        step('approve-editorial', stage, 'ready', EDITORS),
        step('request-professional-review', stage, 'professional-review', EDITORS),
        step('return-to-draft', stage, 'draft', EDITORS),
      ];
    case 'ready':
      return [
        step('publish', stage, 'published', ['publisher'], 'publish'),
        step('return-to-editorial', stage, 'editorial-review', ['publisher', ...EDITORS]),
        step('return-to-draft', stage, 'draft', ['publisher', ...EDITORS]),
      ];
    case 'published':
    case 'revision-due':
      return [
        step('start-revision', stage, 'draft', REVISERS),
        step('confirm-still-correct', stage, 'published', ['professional-reviewer'], 'confirm'),
        // Only as a minor correction: anything more goes through the stages again.
        step('publish', stage, 'published', ['publisher'], 'publish'),
      ];
    default: {
      const unreachable: never = stage;
      throw new Error(`Unknown workflow stage ${String(unreachable)}`);
    }
  }
}

/** Whether an actor may take a step (the step's roles; administrators and system code may take all). */
export function mayTake(actor: Actor, s: Pick<Step, 'roles'>): boolean {
  switch (actor.kind) {
    case 'system':
      return true;
    case 'admin':
      return actor.administrator || s.roles.some((role) => actor.roles.includes(role));
    case 'integration':
      return false;
    default: {
      const unreachable: never = actor;
      throw new Error(`Unknown actor ${JSON.stringify(unreachable)}`);
    }
  }
}

/** The steps this actor may take from a stage, in display order. */
export function availableSteps(stage: Stage, actor: Actor): Step[] {
  return stepsFrom(stage).filter((s) => mayTake(actor, s));
}

/** The plain stage change from `from` to `to`, if there is one. */
export function findTransition(from: Stage, to: Stage): Step | undefined {
  return stepsFrom(from).find((s) => s.to === to && s.via === 'transition');
}

/** Roles that may publish and unpublish (besides administrators and system code). */
export const PUBLISHING_ROLES: readonly EditorialRole[] = ['publisher'];

/** Roles that may delete documents. */
export const DELETING_ROLES: readonly EditorialRole[] = ['editor', 'local-editor', 'publisher'];

/** Roles that may create and edit drafts. */
export const WRITING_ROLES: readonly EditorialRole[] = [
  'writer',
  'professional-reviewer',
  'editor',
  'local-editor',
  'publisher',
];

/** Why a publish was refused; `role` is a 403, the others are 400s an editor can fix. */
export type PublishRefusal = 'role' | 'change-note' | 'stage' | 'professional-review';

export type PublishCheck = { ok: true } | { ok: false; reason: PublishRefusal; message: string };

/**
 * Whether a variant may be published now (the quality gate is checked separately, on the content).
 * @remarks System code (seed, import) publishes content that was reviewed elsewhere, so it skips the
 * stage and approval checks, but not the change note rule (it brings its own note) nor the gate.
 */
export function checkPublish(input: {
  actor: Actor;
  stage: Stage;
  note: ChangeNote | null;
  /** Whether a professional reviewer approved this variant since it was last published. */
  professionalApproval: boolean;
}): PublishCheck {
  const { actor, stage, note } = input;
  if (!mayTake(actor, { roles: PUBLISHING_ROLES })) {
    return {
      ok: false,
      reason: 'role',
      message: 'Only publishers may publish or unpublish content.',
    };
  }
  if (!note) {
    return {
      ok: false,
      reason: 'change-note',
      message:
        'Publishing needs a change note: minor correction, content update, professional review or a text of your own.',
    };
  }
  if (note.kind === 'other' && !note.text) {
    return {
      ok: false,
      reason: 'change-note',
      message: 'A change note of kind "other" needs a text.',
    };
  }
  if (actor.kind === 'system') return { ok: true };
  const fromPublished = stage === 'published' || stage === 'revision-due';
  if (stage !== 'ready' && !(fromPublished && note.kind === 'minor-correction')) {
    return {
      ok: false,
      reason: 'stage',
      message: fromPublished
        ? `This variant is ${stage}: only a minor correction can be published directly; anything else goes through review again (start a revision).`
        : `This variant is in ${stage}; it must be ready (approved by the professional reviewer and the editor) before it is published.`,
    };
  }
  if (note.kind === 'professional-review' && !input.professionalApproval) {
    return {
      ok: false,
      reason: 'professional-review',
      message:
        'The change note says "professional review", but no professional reviewer has approved this variant since it was last published.',
    };
  }
  return { ok: true };
}
