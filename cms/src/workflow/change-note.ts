import { CHANGE_NOTE_KINDS, type ChangeNote, type ChangeNoteKind } from './types';

export function isChangeNoteKind(value: unknown): value is ChangeNoteKind {
  return typeof value === 'string' && (CHANGE_NOTE_KINDS as readonly string[]).includes(value);
}

const text = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, 500) : null;

/**
 * Reads a change note from entry fields (`changeNoteKind`, `changeNote`) or a request body.
 * A text without a kind counts as `other`, so "free text" works without choosing a kind.
 */
export function readChangeNote(
  source: Record<string, unknown> | null | undefined,
): ChangeNote | null {
  if (!source) return null;
  const kind = source.changeNoteKind ?? source.kind;
  const note = text(source.changeNote ?? source.text);
  if (isChangeNoteKind(kind)) return { kind, text: note };
  return note ? { kind: 'other', text: note } : null;
}

/** The one-line form stored with the outbox row and revision history: `content-update: Nye råd om …`. */
export function formatChangeNote(note: ChangeNote): string {
  return note.text ? `${note.kind}: ${note.text}` : note.kind;
}

/** Inverse of {@link formatChangeNote}; a note written by other code becomes `other` with its text. */
export function parseChangeNote(value: string | null | undefined): ChangeNote | null {
  if (!value) return null;
  const match = /^([a-z-]+)(?::\s*(.*))?$/s.exec(value);
  if (match && isChangeNoteKind(match[1]))
    return { kind: match[1], text: match[2]?.trim() || null };
  return { kind: 'other', text: value };
}
