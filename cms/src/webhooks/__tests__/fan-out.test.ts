import type { OutboxEvent } from '@kilde/store';
import { endpointWants, webhookPayload } from '../deliveries';
import type { EndpointRow } from '../endpoints';

const endpoint = (over: Partial<EndpointRow> = {}): EndpointRow => ({
  id: 1,
  documentId: 'ep1',
  partner: 'P',
  url: 'https://hooks.example/x',
  description: null,
  events: null,
  locales: null,
  types: null,
  topics: null,
  enabled: true,
  secret: 'whsec_x',
  previousSecret: null,
  previousSecretExpiresAt: null,
  disabledReason: null,
  disabledAt: null,
  createdAt: '',
  updatedAt: '',
  ...over,
});

const doc = {
  id: 'a1',
  type: 'article',
  locale: 'nn',
  slug: 'svevn',
  title: 'Svevn',
  topics: [{ id: 't-sovn', slug: 'sovn' }],
};
const upsert = (over: Partial<OutboxEvent> = {}): OutboxEvent =>
  ({
    seq: 7,
    eventId: 'e-1',
    type: 'article',
    id: 'a1',
    locale: 'nn',
    version: 3,
    changeNote: null,
    actor: null,
    requestId: null,
    createdAt: '2026-03-01T10:00:00.000Z',
    op: 'upsert',
    event: 'published',
    document: doc,
    payload: JSON.stringify(doc),
    ...over,
  }) as OutboxEvent;
const remove = (): OutboxEvent => ({
  seq: 8,
  eventId: 'e-2',
  type: 'article',
  id: 'a1',
  locale: 'nn',
  version: 4,
  changeNote: null,
  actor: null,
  requestId: null,
  createdAt: '2026-03-02T10:00:00.000Z',
  op: 'delete',
  event: 'deleted',
  deletedAt: '2026-03-02T10:00:00.000Z',
  payload: '{}',
});

describe('webhook fan-out', () => {
  it('filters by event, locale, type and topic (id or slug); deletions ignore the topic filter', () => {
    expect(endpointWants(endpoint(), upsert())).toBe(true);
    expect(endpointWants(endpoint({ events: ['content.updated'] }), upsert())).toBe(false);
    expect(endpointWants(endpoint({ locales: ['nb'] }), upsert())).toBe(false);
    expect(endpointWants(endpoint({ types: ['question'] }), upsert())).toBe(false);
    expect(endpointWants(endpoint({ topics: ['sovn'] }), upsert())).toBe(true);
    expect(endpointWants(endpoint({ topics: ['t-sovn'] }), upsert())).toBe(true);
    expect(endpointWants(endpoint({ topics: ['rus'] }), upsert())).toBe(false);
    expect(endpointWants(endpoint({ topics: ['rus'] }), remove())).toBe(true);
    expect(endpointWants(endpoint({ events: ['content.published'] }), remove())).toBe(false);
  });

  it('puts the stored document bytes into the body unchanged', () => {
    const stored = '{"id":"a1","title":"Svevn","z":1,"a":2}';
    const body = webhookPayload(upsert({ payload: stored }));
    expect(body).toContain(`"document":${stored}`);
    expect(JSON.parse(body)).toEqual({
      type: 'content.published',
      timestamp: '2026-03-01T10:00:00.000Z',
      data: { id: 'a1', type: 'article', locale: 'nn', version: 3, document: JSON.parse(stored) },
    });
    expect(JSON.parse(webhookPayload(remove()))).toEqual({
      type: 'content.deleted',
      timestamp: '2026-03-02T10:00:00.000Z',
      data: {
        id: 'a1',
        type: 'article',
        locale: 'nn',
        version: 4,
        deletedAt: '2026-03-02T10:00:00.000Z',
      },
    });
  });
});
