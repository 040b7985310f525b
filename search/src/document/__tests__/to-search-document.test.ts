import type { TopicDocument } from '@kilde/schemas';
import { toSearchDocument } from '../to-search-document';
import { stripMarkdown } from '../strip-markdown';
import { article, question, service, topics } from '../../../test/helpers/fixtures';

describe('toSearchDocument', () => {
  it('projects an article with plain-text body, topics, audience and provider', () => {
    const doc = toSearchDocument(
      article({
        id: 'a1',
        title: 'Angst',
        body: '## Hva er angst?\n\n**Angst** er [vanlig](https://x.no).',
        topics: [topics.psykisk],
      }),
    );
    expect(doc).toMatchObject({
      id: 'article:a1:nb',
      documentId: 'a1',
      type: 'article',
      locale: 'nb',
      body: 'Hva er angst?\n\nAngst er vanlig.',
      topics: ['topic-psykisk'],
      topicSlugs: ['psykisk-helse'],
      topicTitles: ['Psykisk helse'],
      audience: ['13-15', '16-17'],
      provider: 'org-kilde',
      providerName: 'Kilde',
      lastReviewed: '2025-02-01',
      published: true,
      crisis: false,
    });
  });

  it('projects a question: the question as summary, the answer as body, no slug', () => {
    const doc = toSearchDocument(
      question({
        id: 'q1',
        title: 'Førsæd',
        question: 'Kan man bli gravid?',
        answer: 'Ja, *det* kan skje.',
      }),
    );
    expect(doc).toMatchObject({
      id: 'question:q1:nb',
      summary: 'Kan man bli gravid?',
      body: 'Ja, det kan skje.',
      slug: null,
      audience: ['16-17'],
    });
  });

  it('projects a service with channel, crisis flag, level and the age bands it serves', () => {
    const doc = toSearchDocument(
      service({ id: 's1', title: 'Alarmtelefonen', crisis: true, channel: 'phone' }),
    );
    expect(doc).toMatchObject({
      id: 'service:s1:nb',
      channel: 'phone',
      crisis: true,
      level: 3,
      audience: ['13-15', '16-17', '18-20'],
      body: '',
    });
  });

  it('skips types that are not searched', () => {
    const topic = { type: 'topic', id: 't' } as unknown as TopicDocument;
    expect(toSearchDocument(topic)).toBeNull();
  });
});

describe('stripMarkdown', () => {
  it('keeps the words and drops the markup', () => {
    const md = [
      '# Tittel',
      '',
      '> Et sitat med `kode`',
      '',
      '- punkt *en*',
      '1. punkt __to__',
      '',
      '| a | b |',
      '|---|---|',
      '| c | d |',
      '',
      '![Bilde av lege](lege.png) <span>html</span> ~~borte~~',
    ].join('\n');
    const text = stripMarkdown(md);
    expect(text).not.toMatch(/[#>*_`|!~[\]]/);
    for (const word of [
      'Tittel',
      'sitat',
      'kode',
      'punkt',
      'en',
      'to',
      'Bilde av lege',
      'html',
      'borte',
    ]) {
      expect(text).toContain(word);
    }
  });
});
