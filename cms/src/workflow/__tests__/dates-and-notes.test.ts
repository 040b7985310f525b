import { formatChangeNote, parseChangeNote, readChangeNote } from '../change-note';
import { addDays, effectiveDueDate, osloToday } from '../review-dates';
import { sourceLocaleOf, gateTranslationOf, type TranslationState } from '../translation-state';
import { reviewState } from '../workflow-service';
import { nynorskNeeded } from '../dashboard';

describe('change notes', () => {
  it('reads a kind and text from entry fields, free text alone as "other"', () => {
    expect(readChangeNote({ changeNoteKind: 'content-update', changeNote: ' Nye råd ' })).toEqual({
      kind: 'content-update',
      text: 'Nye råd',
    });
    expect(readChangeNote({ changeNote: 'Bare tekst' })).toEqual({
      kind: 'other',
      text: 'Bare tekst',
    });
    expect(readChangeNote({ changeNoteKind: 'nonsense' })).toBeNull();
    expect(readChangeNote(null)).toBeNull();
  });

  it('round-trips through the one-line form kept in revision history', () => {
    const note = { kind: 'professional-review', text: 'Fagvurdert av lege' } as const;
    expect(formatChangeNote(note)).toBe('professional-review: Fagvurdert av lege');
    expect(parseChangeNote(formatChangeNote(note))).toEqual(note);
    expect(parseChangeNote('minor-correction')).toEqual({ kind: 'minor-correction', text: null });
    expect(parseChangeNote('Skrevet av et gammelt skript')).toEqual({
      kind: 'other',
      text: 'Skrevet av et gammelt skript',
    });
  });
});

describe('review dates', () => {
  it('uses the Norwegian calendar date', () => {
    // 23:30 UTC on 31 December is already New Year's Day in Oslo.
    expect(osloToday(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
  });

  it('falls back from the stored due date to last review + interval', () => {
    expect(effectiveDueDate({ nextReviewDue: '2027-03-01', lastReviewed: '2020-01-01' })).toBe(
      '2027-03-01',
    );
    expect(effectiveDueDate({ lastReviewed: '2026-01-31', reviewIntervalMonths: 1 })).toBe(
      '2026-02-28',
    );
    expect(effectiveDueDate({ lastReviewed: '2026-01-15' })).toBe('2027-01-15');
    expect(effectiveDueDate({})).toBeNull();
  });

  it('is due soon 30 days ahead and overdue the day after', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(reviewState('2026-07-01', '2026-06-01')).toBe('due-soon');
    expect(reviewState('2026-07-02', '2026-06-01')).toBe('ok');
    expect(reviewState('2026-06-01', '2026-06-01')).toBe('due-soon');
    expect(reviewState('2026-05-31', '2026-06-01')).toBe('overdue');
    expect(reviewState(null, '2026-06-01')).toBe('none');
  });
});

describe('translation state', () => {
  it('takes nb as the source, else the locale an item was first written in', () => {
    expect(sourceLocaleOf(['nn', 'nb', 'en'])).toBe('nb');
    expect(sourceLocaleOf(['nn', 'en'])).toBe('nn');
    expect(sourceLocaleOf([])).toBeNull();
  });

  it('tells the gate a translation is outdated only while the source is ahead of it', () => {
    const base: TranslationState = {
      type: 'article',
      documentId: 'd',
      locale: 'nn',
      sourceLocale: 'nb',
      translatedFromVersion: 3,
      sourceVersion: null,
      outdatedSince: null,
      updatedAt: '',
      updatedBy: null,
    };
    expect(gateTranslationOf(base)).toEqual({
      sourceLocale: 'nb',
      sourceVersion: 3,
      translatedFromVersion: 3,
    });
    expect(gateTranslationOf({ ...base, sourceVersion: 5, outdatedSince: '2026-01-01' })).toEqual({
      sourceLocale: 'nb',
      sourceVersion: 5,
      translatedFromVersion: 3,
    });
    expect(gateTranslationOf(null)).toBeNull();
  });
});

describe('nynorsk target', () => {
  it('counts the nynorsk articles still needed for 25 % of the Norwegian ones', () => {
    expect(nynorskNeeded(50, 10)).toBe(7); // 17 / 67 = 25.4 %, 16 / 66 = 24.2 %
    expect(nynorskNeeded(30, 10)).toBe(0); // exactly 25 %
    expect(nynorskNeeded(3, 0)).toBe(1);
    expect(nynorskNeeded(0, 0)).toBe(0);
    expect(nynorskNeeded(10, 20)).toBe(0);
  });
});
