import { describeError, toChange, toOutboxEvent } from '../events';
import type { OutboxRow } from '../../shared/rows';

const row = (overrides: Partial<OutboxRow> = {}): OutboxRow => ({
  seq: '7',
  event_id: '0b7d8a5e-52a4-4d8b-9a44-3a3c4a0f7d11',
  type: 'article',
  doc_id: 'a1',
  locale: 'nb',
  version: 2,
  op: 'upsert',
  event: 'updated',
  payload: '{"id":"a1","contentHash":"sha256:00"}',
  change_note: 'Rettet dosering',
  actor: 'editor-12',
  request_id: 'req-1',
  created_at: '2026-03-01T12:00:00.000Z',
  ...overrides,
});

describe('toOutboxEvent', () => {
  it('parses an upsert with the document and a numeric seq from a pg bigint string', () => {
    const event = toOutboxEvent(row());
    expect(event).toMatchObject({ seq: 7, op: 'upsert', event: 'updated', version: 2 });
    expect(event.document).toEqual({ id: 'a1', contentHash: 'sha256:00' });
    expect(event.payload).toBe(row().payload);
  });

  it('gives a delete its deletedAt and no document', () => {
    const event = toOutboxEvent(
      row({
        op: 'delete',
        event: 'unpublished',
        payload: '{"id":"a1","deletedAt":"2026-03-02T00:00:00.000Z"}',
      }),
    );
    expect(event).toMatchObject({ op: 'delete', deletedAt: '2026-03-02T00:00:00.000Z' });
    expect(event.document).toBeUndefined();
  });

  it('throws on a corrupt payload or a mismatched op and event', () => {
    expect(() => toOutboxEvent(row({ payload: 'not json' }))).toThrow();
    expect(() => toOutboxEvent(row({ event: 'deleted' }))).toThrow(/op upsert with event deleted/);
  });
});

describe('toChange', () => {
  it('leaves editorial metadata out of the partner feed', () => {
    const change = toChange(row());
    expect(change).not.toHaveProperty('actor');
    expect(change).not.toHaveProperty('changeNote');
    expect(change).toMatchObject({ seq: 7, id: 'a1', json: row().payload });
  });
});

describe('describeError', () => {
  it('keeps one bounded line: no stack, no multi-line dumps of document text', () => {
    const err = new Error(`index failed\n${'{"body":"secret"}'.repeat(10)}`);
    expect(describeError(err)).toBe('Error: index failed');
    expect(describeError(new TypeError('x'.repeat(2000)))).toHaveLength(500);
    expect(describeError('boom')).toBe('Non-error thrown: boom');
  });
});
