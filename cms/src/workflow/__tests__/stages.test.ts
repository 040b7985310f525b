import { availableSteps, checkPublish, findTransition, mayTake, stepsFrom } from '../stages';
import { STAGES, type Actor, type EditorialRole } from '../types';

const person = (...roles: EditorialRole[]): Actor => ({
  kind: 'admin',
  id: 1,
  email: 'x@example.com',
  name: 'X',
  roles,
  administrator: false,
  organisations: [],
});
const administrator: Actor = {
  ...(person() as Extract<Actor, { kind: 'admin' }>),
  administrator: true,
};
const seed: Actor = { kind: 'system', name: 'seed' };
const token: Actor = { kind: 'integration', name: 'api-token:1' };

describe('workflow stages', () => {
  it('walks draft → professional review → editorial review → ready → published, one role per step', () => {
    expect(findTransition('draft', 'professional-review')?.roles).toEqual([
      'writer',
      'editor',
      'local-editor',
    ]);
    expect(findTransition('professional-review', 'editorial-review')?.roles).toEqual([
      'professional-reviewer',
    ]);
    expect(findTransition('editorial-review', 'ready')?.roles).toEqual(['editor', 'local-editor']);
    expect(stepsFrom('ready').find((s) => s.to === 'published')).toMatchObject({
      via: 'publish',
      roles: ['publisher'],
    });
  });

  it('has no plain transition into published and none that skips a stage', () => {
    for (const stage of STAGES) expect(findTransition(stage, 'published')).toBeUndefined();
    expect(findTransition('draft', 'editorial-review')).toBeUndefined();
    expect(findTransition('draft', 'ready')).toBeUndefined();
    expect(findTransition('professional-review', 'ready')).toBeUndefined();
  });

  it('offers each role only its own steps', () => {
    expect(availableSteps('draft', person('writer')).map((s) => s.id)).toEqual([
      'submit-for-professional-review',
    ]);
    expect(availableSteps('professional-review', person('writer'))).toEqual([]);
    expect(
      availableSteps('professional-review', person('professional-reviewer')).map((s) => s.id),
    ).toEqual(['approve-professional', 'return-to-draft']);
    expect(availableSteps('ready', person('publisher')).map((s) => s.id)).toEqual([
      'publish',
      'return-to-editorial',
      'return-to-draft',
    ]);
    expect(
      availableSteps('revision-due', person('professional-reviewer')).map((s) => s.id),
    ).toEqual(['start-revision', 'confirm-still-correct']);
  });

  it('lets administrators and system code take every step and Content API callers none', () => {
    for (const stage of STAGES) {
      expect(availableSteps(stage, administrator)).toEqual(stepsFrom(stage));
      expect(availableSteps(stage, seed)).toEqual(stepsFrom(stage));
      expect(availableSteps(stage, token)).toEqual([]);
    }
    expect(mayTake(token, { roles: ['writer'] })).toBe(false);
  });
});

describe('checkPublish', () => {
  const note = { kind: 'content-update', text: null } as const;

  it('refuses everyone but publishers as a role problem (403)', () => {
    for (const role of ['writer', 'professional-reviewer', 'editor', 'local-editor'] as const) {
      expect(
        checkPublish({ actor: person(role), stage: 'ready', note, professionalApproval: true }),
      ).toMatchObject({ ok: false, reason: 'role' });
    }
    expect(
      checkPublish({ actor: token, stage: 'ready', note, professionalApproval: true }),
    ).toMatchObject({ ok: false, reason: 'role' });
    expect(
      checkPublish({
        actor: person('publisher'),
        stage: 'ready',
        note,
        professionalApproval: false,
      }),
    ).toEqual({ ok: true });
  });

  it('needs a change note, with a text when it is "other"', () => {
    expect(
      checkPublish({
        actor: person('publisher'),
        stage: 'ready',
        note: null,
        professionalApproval: false,
      }),
    ).toMatchObject({ reason: 'change-note' });
    expect(
      checkPublish({
        actor: person('publisher'),
        stage: 'ready',
        note: { kind: 'other', text: null },
        professionalApproval: false,
      }),
    ).toMatchObject({
      reason: 'change-note',
    });
    expect(
      checkPublish({ actor: seed, stage: 'draft', note: null, professionalApproval: false }),
    ).toMatchObject({ reason: 'change-note' });
  });

  it('publishes from ready, and from published only as a minor correction', () => {
    const publisher = person('publisher');
    expect(
      checkPublish({
        actor: publisher,
        stage: 'editorial-review',
        note,
        professionalApproval: true,
      }),
    ).toMatchObject({ reason: 'stage' });
    expect(
      checkPublish({ actor: publisher, stage: 'published', note, professionalApproval: true }),
    ).toMatchObject({ reason: 'stage' });
    expect(
      checkPublish({
        actor: publisher,
        stage: 'revision-due',
        note: { kind: 'minor-correction', text: 'Skrivefeil' },
        professionalApproval: false,
      }),
    ).toEqual({ ok: true });
    // Seed and import bring content reviewed elsewhere.
    expect(
      checkPublish({ actor: seed, stage: 'draft', note, professionalApproval: false }),
    ).toEqual({ ok: true });
  });

  it('accepts "professional review" only after a professional reviewer approved this round', () => {
    const professional = { kind: 'professional-review', text: null } as const;
    expect(
      checkPublish({
        actor: person('publisher'),
        stage: 'ready',
        note: professional,
        professionalApproval: false,
      }),
    ).toMatchObject({ reason: 'professional-review' });
    expect(
      checkPublish({
        actor: person('publisher'),
        stage: 'ready',
        note: professional,
        professionalApproval: true,
      }),
    ).toEqual({ ok: true });
  });
});
