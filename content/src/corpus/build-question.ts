import { computeContentHash, type AgeBand, type QuestionDocument } from '@kilde/schemas';
import { questionTitle } from '../seed-library';
import { organisationByKey, signatures } from './catalog';
import {
  compile,
  compileAll,
  countWords,
  lexiconFor,
  localeCodes,
  ParallelWriter,
  type Entry,
  type LocaleIndex,
  type Rendered,
} from './composer';
import { addMonths, corpusEnd, corpusStart, instantAfter, isoDate, isoDateTime } from './dates';
import type { Random } from './prng';
import { pickTopic, providerRef, topicKeysFor, topicRefs } from './refs';
import {
  adviceLeads,
  answerClosers,
  answerOpeners,
  answerSentences,
  articleSentences,
  questionAsks,
  questionClosers,
  questionDetails,
  questionIntros,
  questionOpeners,
} from './templates';
import { addTypos } from './typos';

/** Limits the generated questions keep (the tests check them). */
export const questionLimits = {
  questionWords: [20, 120],
  answerWords: [60, 250],
} as const;

const openerTemplates = compileAll(questionOpeners);
const introTemplates = compileAll(questionIntros);
const detailTemplates = compileAll(questionDetails);
const askTemplates = compileAll(questionAsks);
const closerTemplates = compileAll(questionClosers);
const answerOpenerTemplates = compileAll(answerOpeners);
const answerSentenceTemplates = compileAll(answerSentences);
const bodyTemplates = compileAll(articleSentences);
const answerCloserTemplates = compileAll(answerClosers);
const adviceLeadTemplates = compileAll(adviceLeads);
const adviceItem = compile(['- {Advice}.', '- {Advice}.', '- {Advice}.']);

const ageBands: readonly (AgeBand | null)[] = ['13-15', '16-17', '18-20', null];
const ageBandWeights = [35, 35, 20, 10];
const providers = ['kilde', 'ungdomshelse', 'eksempel-kommune'];
const providerWeights = [70, 20, 10];
const spanDays = Math.floor((corpusEnd - corpusStart) / 86_400_000) - 30;

function ageFor(band: AgeBand | null, rng: Random): number {
  switch (band) {
    case '13-15':
      return rng.int(13, 15);
    case '16-17':
      return rng.int(16, 17);
    case '18-20':
      return rng.int(18, 20);
    case null:
      return rng.int(13, 19);
  }
}

const one = (r: Rendered): string => r.texts[0] ?? '';

/** The young person's question: mostly short, one paragraph, often typed in a hurry. */
function writeQuestion(
  w: ParallelWriter,
  locale: LocaleIndex,
): { question: string; title: string } {
  const { rng } = w;
  const [min, max] = questionLimits.questionWords;
  // Skewed towards short questions, as real ones are.
  const target = min + Math.floor((max - min - 8) * Math.pow(rng.next(), 1.6));
  const opener = rng.chance(0.55) ? one(w.pick(openerTemplates)) : '';
  const parts = [one(w.pick(introTemplates, 0.3))];
  let words = countWords(opener) + countWords(parts[0] ?? '');
  const add = (text: string): boolean => {
    const c = countWords(text);
    if (words + c > max) return false;
    parts.push(text);
    words += c;
    return true;
  };
  while (words + 8 < target && add(one(w.pick(detailTemplates, 0.3))));
  add(one(w.pick(askTemplates, 0.6)));
  if (rng.chance(0.3)) add(one(w.pick(askTemplates, 0.6)));
  while (words < min && add(one(w.pick(detailTemplates, 0.3))));
  if (rng.chance(0.25)) add(one(w.pick(closerTemplates)));
  let body = parts.join(' ');
  let head = opener;
  if (rng.chance(0.45)) {
    body = addTypos(body, locale, rng);
    head = head && addTypos(head, locale, rng);
  }
  // The title comes from the question proper: "Hei!" would make a poor title.
  return { question: head ? `${head} ${body}` : body, title: questionTitle(body) };
}

/** A professional's answer in Markdown: greeting, explanation, maybe a list, sign-off. */
function writeAnswer(w: ParallelWriter, signature: string): string {
  const { rng } = w;
  const [min, max] = questionLimits.answerWords;
  const target = min + 5 + Math.floor(((max - min - 25) * (rng.next() + rng.next())) / 2);
  const closer = one(w.pick(answerCloserTemplates));
  const reserve = countWords(closer) + countWords(signature);
  const blocks: string[] = [];
  let words = reserve;
  const fits = (text: string): boolean => words + countWords(text) <= max;

  const first = [one(w.pick(answerOpenerTemplates)), one(w.pick(answerSentenceTemplates, 0.6))];
  if (rng.chance(0.5)) first.push(one(w.pick(answerSentenceTemplates, 0.6)));
  blocks.push(first.join(' '));
  words += countWords(blocks[0] ?? '');

  const listAt = rng.chance(0.35) ? rng.int(1, 3) : -1;
  for (let p = 1; words < target || words < min; p++) {
    if (p === listAt) {
      const lead = one(w.pick(adviceLeadTemplates));
      const advice = w.ctx.lexicon.list('advice');
      const start = rng.int(0, advice.length - 1);
      const items = Array.from({ length: Math.min(advice.length, rng.int(3, 4)) }, (_, k) =>
        one(w.write(adviceItem, [advice[(start + k) % advice.length] as Entry])),
      );
      const list = `${lead}\n\n${items.join('\n')}`;
      if (fits(list)) {
        blocks.push(list);
        words += countWords(list);
        continue;
      }
    }
    const sentences: string[] = [];
    const planned = rng.int(2, 4);
    for (let k = 0; k < planned && (words < target || words < min); k++) {
      const s = one(w.pick(bodyTemplates, 0.45));
      if (!fits(s)) break;
      sentences.push(s);
      words += countWords(s);
    }
    if (sentences.length === 0) break;
    blocks.push(sentences.join(' '));
  }
  blocks.push(closer, signature);
  return `${blocks.join('\n\n')}\n`;
}

/** Builds one answered question in one locale. */
export function buildQuestion(id: string, locale: LocaleIndex, rng: Random): QuestionDocument {
  const topic = pickTopic(rng);
  const topicKeys = topicKeysFor(topic, rng, 0.1);
  const providerKey = providers[rng.weighted(providerWeights)] ?? 'kilde';
  const profession = topic.professions[rng.zipf(topic.professions.length, 0.9)] ?? 'other';
  const askerAgeBand = ageBands[rng.weighted(ageBandWeights)] ?? null;
  const age = ageFor(askerAgeBand, rng);
  const answered = instantAfter(corpusStart, spanDays, rng);
  const published = instantAfter(answered, 21, rng);
  const updated = rng.chance(0.8) ? published : instantAfter(published, 300, rng, 1);
  const lastReviewed = rng.chance(0.85) ? isoDate(updated) : null;

  const writer = new ParallelWriter([locale], { lexicon: lexiconFor(topic.key), age }, rng);
  const { question, title } = writeQuestion(writer, locale);
  const answer = writeAnswer(writer, signatures[profession][locale]);

  const doc: QuestionDocument = {
    id,
    type: 'question',
    locale: localeCodes[locale] ?? 'nb',
    version: 1,
    translations: {},
    publishedAt: isoDateTime(published),
    updatedAt: isoDateTime(updated),
    contentHash: '',
    title,
    question,
    answer,
    answererProfession: profession,
    topics: topicRefs(topicKeys, locale),
    askerAgeBand,
    answeredAt: isoDate(answered),
    provider: providerRef(providerKey, locale),
    licence: organisationByKey(providerKey).defaultLicence,
    lastReviewed,
    nextReviewDue: lastReviewed ? addMonths(lastReviewed, 12) : null,
  };
  doc.contentHash = computeContentHash(doc);
  return doc;
}
