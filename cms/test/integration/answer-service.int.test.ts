import { join } from 'node:path';
import type { Knex } from 'knex';
import pino from 'pino';
import { createDatabase } from '@kilde/store';
import { createApiServer, type ApiServer } from '../../../api/src';
import { CmsClient } from '../../../api/src/internal/cms-client';
import { searchProviderFromEngine } from '../../../api/src/search/search-provider';
import { startSearchRuntime, type SearchRuntime } from '../../../api/src/search-sync/search-runtime';
import { startCms, cmsDir, type TestCms } from '../helpers/start-cms';
import type * as AnswerServiceModule from '../../src/answer-service';

// The module instance Strapi loaded (cms/dist), so settings overrides reach the running service.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const answerService = require(join(cmsDir, 'dist', 'src', 'answer-service')) as typeof AnswerServiceModule;

jest.setTimeout(300_000);

const SECRET = 'answer-service-test-secret-0123456789abcdef';
const PASSWORD = 'Kilde-test-Passw0rd';
const DAY_MS = 86_400_000;
const RECEIPT = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/;

type Who = 'nurse' | 'psychologist' | 'editor' | 'writer';
const ROLE_OF: Record<Who, string> = {
  nurse: 'kilde-professional-reviewer',
  psychologist: 'kilde-professional-reviewer',
  editor: 'kilde-editor',
  writer: 'kilde-writer',
};

interface Json {
  data?: any;  
  error?: { code?: string; name?: string; message: string; details?: any };  
}

describe('answer service over real HTTP: API → CMS → admin → API', () => {
  let cms: TestCms;
  let apiKnex: Knex;
  let runtime: SearchRuntime;
  let api: ApiServer;
  let apiUrl: string;
  const tokens = new Map<Who, string>();
  let db: Knex;

  const call = async (base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Json; headers: Headers }> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: ((await res.json().catch(() => ({}))) ?? {}), headers: res.headers };
  };
  const asker = (method: string, path: string, body?: unknown) => call(apiUrl, method, path, body);
  const admin = (who: Who, method: string, path: string, body?: unknown) =>
    call(cms.url as string, method, `/kilde/answer-service${path}`, body, { authorization: `Bearer ${tokens.get(who) as string}` });
  const rowByText = async (fragment: string) => (await db('kilde_questions').where('text_scrubbed', 'like', `%${fragment}%`).first()) as Record<string, unknown> | undefined;
  const ask = (text: string, extra: Record<string, unknown> = {}) => asker('POST', '/v1/questions', { text, ageBand: '16-17', locale: 'nb', consent: false, ...extra });

  beforeAll(async () => {
    cms = await startCms({ listen: true, seed: true, env: { KILDE_INTERNAL_SECRET: SECRET } });
    db = cms.strapi.db.connection;
    const roleService = cms.strapi.service('admin::role') as unknown as { findOne(q: object): Promise<{ id: number }> };
    const userService = cms.strapi.service('admin::user') as unknown as { create(d: object): Promise<{ id: number }> };
    for (const who of Object.keys(ROLE_OF) as Who[]) {
      const role = await roleService.findOne({ code: ROLE_OF[who] });
      const email = `${who}@test.example.com`;
      await userService.create({ firstname: who === 'nurse' ? 'Nina' : who === 'psychologist' ? 'Per' : who, lastname: 'Test', email, password: PASSWORD, isActive: true, roles: [role.id] });
      const login = await call(cms.url as string, 'POST', '/admin/login', { email, password: PASSWORD });
      expect(login.status).toBe(200);
      tokens.set(who, login.json.data.token as string);
    }
    // The API process: its own connection, the embedded search following the outbox, the CMS over HTTP.
    apiKnex = await createDatabase({ url: cms.db.url });
    runtime = await startSearchRuntime({ knex: apiKnex, logger: pino({ level: 'silent' }), pollIntervalMs: 50 });
    api = await createApiServer({
      knex: apiKnex,
      logger: pino({ level: 'silent' }),
      search: searchProviderFromEngine(runtime.engine),
      cms: new CmsClient({ baseUrl: cms.url as string, secret: SECRET }),
      questions: { askPerMinute: 100, readPerMinute: 100 },
      keyCacheSeconds: 0,
      usageFlushSeconds: 3600,
    });
    apiUrl = await api.listen(0);
  });

  afterAll(async () => {
    try {
      await api?.close();
      await runtime?.close();
      await apiKnex?.destroy();
    } finally {
      answerService.setAnswerServiceSettings({});
      await cms?.stop();
    }
  });

  let receipt = '';
  let questionId = '';

  it('takes a question in, scrubbed, and gives a receipt code that is stored only as a hash', async () => {
    const text = 'Hei! Jeg heter Kari Nordmann og går på Tåsen skole, ring meg på 912 34 567. Jeg får utslett på armene etter trampolineparken. Hva kan det være?';
    const res = await ask(text);
    expect(res.status).toBe(201);
    expect(res.json.data).toMatchObject({ status: 'new', crisis: false, help: null });
    receipt = res.json.data.receipt as string;
    expect(receipt).toMatch(RECEIPT);
    expect(res.headers.get('cache-control')).toBe('no-store');

    const row = await rowByText('trampolineparken');
    expect(row).toBeDefined();
    const scrubbed = String(row?.text_scrubbed);
    for (const secret of ['Kari', 'Nordmann', 'Tåsen', '912 34 567']) expect(scrubbed).not.toContain(secret);
    expect(scrubbed).toContain('[navn]');
    expect(scrubbed).toContain('[telefon]');
    expect(scrubbed).toContain('[skole]');
    expect(row?.original_encrypted).toBeNull(); // not a crisis: the original is not kept at all
    // The code itself is nowhere in the row, only its hash.
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(receipt);
    expect(stored).not.toContain(receipt.replace(/-/g, ''));
    expect(row?.receipt_hash).toMatch(/^[0-9a-f]{64}$/);
    questionId = String(row?.public_id);

    const read = await asker('GET', `/v1/questions/${receipt}`);
    expect(read.status).toBe(200);
    expect(read.json.data).toMatchObject({ status: 'new', answer: null, answererProfession: null });
    expect(read.json.data.question).toBe(scrubbed);
    // Case, spaces and confusable letters do not matter.
    expect((await asker('GET', `/v1/questions/${encodeURIComponent(receipt.toLowerCase().replace(/-/g, ' '))}`)).status).toBe(200);
  });

  it('refuses bad, spam and duplicate questions with clear messages', async () => {
    const short = await ask('Hjelp');
    expect(short.status).toBe(400);
    expect(short.json.error).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(short.json.error?.details.errors).toEqual([{ in: 'body', path: '/text', message: 'must be at least 10 characters' }]);
    const badBand = await asker('POST', '/v1/questions', { text: 'Er det normalt å svette mye om natta?', ageBand: '99', locale: 'xx', consent: 'yes' });
    expect(badBand.status).toBe(400);
    expect(badBand.json.error?.details.errors.map((e: { path: string }) => e.path)).toEqual(['/ageBand', '/locale', '/consent']);

    const spam = await ask('Best casino bonus here https://a.example https://b.example https://c.example');
    expect(spam.status).toBe(422);
    expect(spam.json.error).toMatchObject({ code: 'QUESTION_REJECTED' });
    expect(spam.json.error?.message).toMatch(/links|advertising/);
    const bot = await ask('Hvordan vet jeg om jeg har forkjølelse eller influensa?', { website: 'http://spam.example' });
    expect(bot.status).toBe(422);

    const dup = await ask('Hei! Jeg heter Kari Nordmann og går på Tåsen skole, ring meg på 912 34 567. Jeg får utslett på armene etter trampolineparken. Hva kan det være?');
    expect(dup.status).toBe(409);
    expect(dup.json.error).toMatchObject({ code: 'QUESTION_DUPLICATE' });
    expect(dup.json.error?.message).toMatch(/already sent/);
    expect(Number((await db('kilde_questions').where('text_scrubbed', 'like', '%trampolineparken%').count({ n: '*' }))[0]?.n)).toBe(1);
  });

  it('flags a crisis at intake: help numbers and crisis services at once, first in the queue, original only for the answerer', async () => {
    const res = await ask('Jeg orker ikke mer. Jeg vil ikke leve lenger. Mamma heter Liv Hansen og jeg bor i Storgata 5.', { ageBand: '13-15' });
    expect(res.status).toBe(201);
    expect(res.json.data.crisis).toBe(true);
    const help = res.json.data.help as { lines: { number: string }[]; services: { id: string; name: string }[] };
    expect(help.lines.map((l) => l.number)).toEqual(expect.arrayContaining(['116 123', '116 111', '113']));
    // The matching services come from the read store's service directory, crisis services only.
    expect(help.services.length).toBeGreaterThan(0);
    const crisisServices: { doc_id: string; document: string }[] = await db('kilde_documents').where({ type: 'service', locale: 'nb', deleted: false }).select('doc_id', 'document');
    const crisisIds = crisisServices.filter((s) => (JSON.parse(s.document) as { crisis: boolean }).crisis).map((s) => s.doc_id);
    for (const s of help.services) expect(crisisIds).toContain(s.id);

    const row = await rowByText('orker ikke mer');
    expect(row?.crisis).toBeTruthy();
    expect(String(row?.text_scrubbed)).not.toContain('Liv Hansen');
    expect(String(row?.original_encrypted)).toMatch(/^v1:/);
    expect(String(row?.original_encrypted)).not.toContain('Hansen');
    const crisisId = String(row?.public_id);

    const queue = await admin('nurse', 'GET', '/queue');
    expect(queue.status).toBe(200);
    const open = queue.json.data.open as { id: string; crisis: boolean; excerpt: string; overdue: boolean; dueAt: string }[];
    expect(open[0]?.id).toBe(crisisId); // asked after the first question, answered before it
    expect(open.map((q) => q.id)).toContain(questionId);
    expect(open.every((q) => !q.excerpt.includes('Kari') && !q.excerpt.includes('Liv Hansen'))).toBe(true);
    expect(open[0]?.overdue).toBe(false);

    // Nobody sees the original before the question is claimed, and then only the answerer.
    expect((await admin('nurse', 'GET', `/questions/${crisisId}`)).json.data.originalText).toBeNull();
    expect((await admin('nurse', 'POST', `/questions/${crisisId}/claim`)).status).toBe(200);
    const mine = await admin('nurse', 'GET', `/questions/${crisisId}`);
    expect(mine.json.data.originalText).toContain('Liv Hansen');
    expect(mine.json.data.text).not.toContain('Liv Hansen');
    expect((await admin('psychologist', 'GET', `/questions/${crisisId}`)).json.data.originalText).toBeNull();
    expect((await admin('editor', 'GET', `/questions/${crisisId}`)).json.data.originalText).toBeNull();

    // Answered: the original is deleted.
    const sent = await admin('nurse', 'POST', `/questions/${crisisId}/send`, {
      answer: 'Takk for at du skriver. Det du har det med nå, er for tungt å bære alene.\n\nRing Mental Helse på 116 123 nå. De svarer hele døgnet. Er du i fare, ring 113.',
      profession: 'nurse',
    });
    expect(sent.status).toBe(200);
    expect((await rowByText('orker ikke mer'))?.original_encrypted).toBeNull();
  });

  it('keeps writers out and lets only one professional claim a question', async () => {
    expect((await admin('writer', 'GET', '/queue')).status).toBe(403);
    expect((await admin('writer', 'GET', `/questions/${questionId}`)).status).toBe(403);
    expect((await call(cms.url as string, 'GET', '/kilde/answer-service/queue')).status).toBe(401);
    expect((await admin('editor', 'POST', `/questions/${questionId}/claim`)).status).toBe(403);
    expect((await admin('nurse', 'POST', `/questions/${questionId}/claim`)).status).toBe(200);
    const second = await admin('psychologist', 'POST', `/questions/${questionId}/claim`);
    expect(second.status).toBe(400);
    expect(second.json.error?.message).toMatch(/Nina Test already took/);
  });

  it('answers with a second opinion and the quality gate, and the asker reads it with the receipt', async () => {
    const draft = 'Utslett etter trampolinepark kommer ofte av friksjon mot nettet eller svette.\n\nVask huden med lunkent vann og bruk en mild fuktighetskrem. Gå til legen hvis det ikke går over på en uke.';
    // The gate runs on answers like on articles: an empty link blocks sending.
    const blocked = await admin('nurse', 'POST', `/questions/${questionId}/send`, { answer: `${draft}\n\nLes mer [her]().`, profession: 'nurse' });
    expect(blocked.status).toBe(400);
    expect(blocked.json.error?.message).toMatch(/quality gate/);

    expect((await admin('nurse', 'POST', `/questions/${questionId}/second-opinion/request`, { answer: draft, profession: 'nurse' })).status).toBe(200);
    expect((await admin('nurse', 'POST', `/questions/${questionId}/second-opinion`, { verdict: 'approved', profession: 'nurse' })).status).toBe(403);
    const changes = await admin('psychologist', 'POST', `/questions/${questionId}/second-opinion`, { verdict: 'changes-requested', profession: 'psychologist' });
    expect(changes.status).toBe(400); // a comment is needed
    const opinion = await admin('psychologist', 'POST', `/questions/${questionId}/second-opinion`, {
      verdict: 'changes-requested',
      comment: 'Nevn at allergi også kan gi utslett.',
      profession: 'psychologist',
    });
    expect(opinion.status).toBe(200);
    expect(opinion.json.data.secondOpinion).toMatchObject({ status: 'changes-requested', byName: 'Per Test', profession: 'psychologist' });
    expect((await admin('nurse', 'POST', `/questions/${questionId}/send`, { answer: draft, profession: 'nurse' })).status).toBe(400);

    const answer = `${draft}\n\nNoen ganger er det en allergi. Da kan legen hjelpe deg å finne ut hva du reagerer på.`;
    const sent = await admin('nurse', 'POST', `/questions/${questionId}/send`, { answer, profession: 'nurse' });
    expect(sent.status).toBe(200);
    expect(sent.json.data.gate.passed).toBe(true);
    expect(sent.json.data.question.status).toBe('answered');

    const read = await asker('GET', `/v1/questions/${receipt}`);
    expect(read.status).toBe(200);
    expect(read.json.data).toMatchObject({ status: 'answered', answer, answererProfession: 'nurse', crisis: false });
    expect(Object.keys(read.json.data)).not.toContain('answeredByName');
    expect(JSON.stringify(read.json.data)).not.toContain('Nina');
    const row = await rowByText('trampolineparken');
    expect(row?.read_at).not.toBeNull();
    expect(Date.parse(String(row?.delete_after)) - Date.parse(String(row?.read_at))).toBe(90 * DAY_MS);
  });

  it('publishes a consented answer to the archive, where search finds it', async () => {
    const res = await ask('Er det farlig å hoppe i sjøen fra brygga rett etter at jeg har spist pølser?', { consent: true, topic: 'mat-sovn-og-trening' });
    expect(res.status).toBe(201);
    const id = String((await rowByText('brygga'))?.public_id);
    expect((await admin('psychologist', 'POST', `/questions/${id}/claim`)).status).toBe(200);
    const answer = 'Nei, det er ikke farlig å bade etter at du har spist. Du kan bli litt tung i kroppen, men du får ikke krampe av maten.\n\nBad der det er trygt, og aldri alene.';
    expect((await admin('psychologist', 'POST', `/questions/${id}/send`, { answer, profession: 'psychologist' })).status).toBe(200);

    expect((await admin('nurse', 'POST', `/questions/${id}/publish`, {})).status).toBe(403);
    const published = await admin('editor', 'POST', `/questions/${id}/publish`, { title: 'Bade etter pølser på brygga?' });
    expect(published.status).toBe(200);
    const documentId = published.json.data.documentId as string;
    expect((await admin('editor', 'POST', `/questions/${id}/publish`, {})).status).toBe(400); // once

    const stored = (await db('kilde_documents').where({ doc_id: documentId, locale: 'nb', type: 'question' }).first()) as { document: string } | undefined;
    const doc = JSON.parse(stored?.document ?? '{}') as Record<string, unknown>;
    expect(doc).toMatchObject({ title: 'Bade etter pølser på brygga?', answererProfession: 'psychologist', askerAgeBand: '16-17' });
    expect(doc.question).toContain('brygga');
    expect((doc.topics as { slug: string }[]).map((t) => t.slug)).toEqual(['mat-sovn-og-trening']);

    await runtime.catchUp();
    const similar = await asker('GET', `/v1/questions/similar?${new URLSearchParams({ q: 'hoppe i sjøen etter pølser', locale: 'nb' }).toString()}`);
    expect(similar.status).toBe(200);
    const hit = (similar.json.data as { id: string; type: string; answer: string; url: string }[]).find((s) => s.id === documentId);
    expect(hit).toMatchObject({ type: 'question', url: `/sok/sporsmal/nb/${documentId}` });
    expect(hit?.answer).toContain('ikke farlig å bade');
  });

  it('never lets an unconsented question leave: not in the read store, outbox, revisions or search', async () => {
    const refused = await admin('editor', 'POST', `/questions/${questionId}/publish`, {});
    expect(refused.status).toBe(403);
    expect(refused.json.error?.message).toMatch(/did not consent/);
    await runtime.catchUp();
    for (const [table, column] of [
      ['kilde_documents', 'document'],
      ['kilde_outbox', 'payload'],
      ['kilde_revisions', 'document'],
    ] as const) {
      const columns = Object.keys(await db(table).columnInfo());
      const col = columns.includes(column) ? column : columns.find((c) => /document|payload|json/.test(c));
      expect(col).toBeDefined();
      expect(Number((await db(table).where(col as string, 'like', '%trampolinepark%').count({ n: '*' }))[0]?.n)).toBe(0);
    }
    expect((await runtime.engine.search({ q: 'utslett trampolineparken', limit: 50 })).hits.filter((h) => /trampoline/i.test(JSON.stringify(h)))).toEqual([]);
    const similar = await asker('GET', `/v1/questions/similar?${new URLSearchParams({ q: 'utslett på armene etter trampolineparken', locale: 'nb' }).toString()}`);
    expect(JSON.stringify(similar.json)).not.toContain('trampoline');
  });

  it('counts deflections anonymously', async () => {
    expect((await asker('POST', '/v1/questions/deflections', { locale: 'nb' })).status).toBe(202);
    expect((await asker('POST', '/v1/questions/deflections', { locale: 'nb' })).status).toBe(202);
    expect((await asker('POST', '/v1/questions/deflections', { locale: 'xx' })).status).toBe(400);
    expect((await ask('Hvor mye søvn trenger en på 16 egentlig hver natt?', { sawSuggestions: true })).status).toBe(201);
    const day = new Date().toISOString().slice(0, 10);
    const rows = (await db('kilde_question_deflections').where({ day, locale: 'nb' }).orderBy('event')) as { event: string; count: number | string }[];
    expect(rows.map((r) => [r.event, Number(r.count)])).toEqual([
      ['asked', 1],
      ['deflected', 2],
    ]);
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual(['count', 'day', 'event', 'locale']);
    const stats = await admin('editor', 'GET', '/deflections');
    expect(stats.json.data).toEqual(expect.arrayContaining([{ day, locale: 'nb', deflected: 2, asked: 1 }]));
  });

  it('deletes private questions from the database a retention time after the answer is read or expires', async () => {
    const readHash = (await rowByText('trampolineparken'))?.receipt_hash;
    expect(readHash).toBeDefined();
    const unread = await rowByText('brygga'); // answered, never read
    const total = Number((await db('kilde_questions').count({ n: '*' }))[0]?.n);

    // 89 days after reading: nothing is deleted yet.
    expect(await answerService.runAnswerRetention(db, new Date(Date.now() + 89 * DAY_MS))).toEqual({ read: 0, expired: 0 });
    // 91 days after reading: the read question and its answer are gone (rows, not flags).
    const after = await answerService.runAnswerRetention(db, new Date(Date.now() + 91 * DAY_MS));
    expect(after.read).toBe(1);
    expect(await db('kilde_questions').where({ receipt_hash: readHash }).first()).toBeUndefined();
    expect(Number((await db('kilde_questions').where('text_scrubbed', 'like', '%trampolineparken%').orWhere('answer_markdown', 'like', '%trampolinepark%').count({ n: '*' }))[0]?.n)).toBe(0);
    expect((await asker('GET', `/v1/questions/${receipt}`)).status).toBe(404);
    // The unread answer expires 90 days after it was sent and is deleted 90 days after that.
    expect(await db('kilde_questions').where({ id: unread?.id }).first()).toBeDefined();
    const later = await answerService.runAnswerRetention(db, new Date(Date.now() + 181 * DAY_MS));
    expect(later.expired).toBe(total - 1);
    expect(Number((await db('kilde_questions').count({ n: '*' }))[0]?.n)).toBe(0);
    // The archive copy is content of its own and stays.
    expect(Number((await db('kilde_documents').where({ type: 'question' }).where('document', 'like', '%brygga%').count({ n: '*' }))[0]?.n)).toBe(1);
  });

  it('honours a configured retention time', async () => {
    answerService.setAnswerServiceSettings({ retentionDays: 7 });
    const res = await ask('Hvor lenge varer en vanlig forkjølelse hos ungdom?');
    const code = res.json.data.receipt as string;
    const id = String((await rowByText('forkjølelse hos ungdom'))?.public_id);
    await admin('nurse', 'POST', `/questions/${id}/claim`);
    expect((await admin('nurse', 'POST', `/questions/${id}/send`, { answer: 'En vanlig forkjølelse varer som regel en uke til ti dager.', profession: 'nurse' })).status).toBe(200);
    expect((await asker('GET', `/v1/questions/${code}`)).json.data.status).toBe('answered');
    expect((await answerService.runAnswerRetention(db, new Date(Date.now() + 8 * DAY_MS))).read).toBe(1);
    expect((await asker('GET', `/v1/questions/${code}`)).status).toBe(404);
  });
});

describe('answer service limits (a second API process with small limits)', () => {
  let cms: TestCms;
  let apiKnex: Knex;
  let api: ApiServer;
  let url: string;

  beforeAll(async () => {
    cms = await startCms({ listen: true, env: { KILDE_INTERNAL_SECRET: SECRET } });
    apiKnex = await createDatabase({ url: cms.db.url });
    api = await createApiServer({
      knex: apiKnex,
      logger: pino({ level: 'silent' }),
      cms: new CmsClient({ baseUrl: cms.url as string, secret: SECRET }),
      questions: { askPerMinute: 2, wrongReceiptPerMinute: 3 },
      keyCacheSeconds: 0,
      usageFlushSeconds: 3600,
    });
    url = await api.listen(0);
  });
  afterAll(async () => {
    try {
      await api?.close();
      await apiKnex?.destroy();
    } finally {
      await cms?.stop();
    }
  });

  const post = (text: string) =>
    fetch(`${url}/v1/questions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text, ageBand: '18-20', locale: 'en', consent: false }) });

  it('reveals nothing for a wrong receipt and rate limits guessing, also for the right code', async () => {
    const right = (await (await post('How long does a cold usually last for teenagers?')).json()) as Json;
    const code = right.data.receipt as string;
    const wrong = ['AAAA-BBBB-CCCC-DDDD-EEEE', 'not-a-code', code.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))];
    const bodies: string[] = [];
    for (const w of wrong) {
      const res = await fetch(`${url}/v1/questions/${encodeURIComponent(w)}`);
      expect(res.status).toBe(404);
      bodies.push(await res.text());
    }
    // The same answer whether the code is malformed or just unknown: nothing to learn from it.
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0] as string)).toEqual({ error: { code: 'RECEIPT_NOT_FOUND', message: 'No question matches this code.' } });
    const limited = await fetch(`${url}/v1/questions/${code}`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as Json).error?.code).toBe('RATE_LIMITED');
  });

  it('rate limits asking without storing the address', async () => {
    // One question was asked above; one more is allowed, then 429.
    expect((await post('Is it normal to feel tired all the time in winter?')).status).toBe(201);
    const third = await post('Can I get the HPV vaccine if I am 19 years old?');
    expect(third.status).toBe(429);
    const rows = (await cms.strapi.db.connection('kilde_questions').select()) as Record<string, unknown>[];
    expect(rows).toHaveLength(2);
    expect(JSON.stringify(rows)).not.toMatch(/127\.0\.0\.1|::1|::ffff/);
    expect(Object.keys(rows[0] ?? {}).some((c) => /(^|_)(ip|address|client|ua|agent)(_|$)/i.test(c))).toBe(false);
  });

  it('answers 503 with a clear message when the CMS cannot be reached', async () => {
    const lonely = await createApiServer({
      knex: apiKnex,
      logger: pino({ level: 'silent' }),
      cms: new CmsClient({ baseUrl: 'http://127.0.0.1:9', secret: SECRET, timeoutMs: 2000 }),
      keyCacheSeconds: 0,
      usageFlushSeconds: 3600,
    });
    const base = await lonely.listen(0);
    try {
      const res = await fetch(`${base}/v1/questions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'Is it normal to feel tired all the time?', ageBand: '18-20', locale: 'en', consent: false }) });
      expect(res.status).toBe(503);
      expect(((await res.json()) as Json).error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringMatching(/unavailable/) });
    } finally {
      await lonely.close();
    }
  });
});
