import {
  computeContentHash,
  type ArticleDocument,
  type Professional,
  type Translations,
} from '@kilde/schemas';
import { audienceFor, personName, sourcesFor } from './attribution';
import { organisationByKey, otherLicences } from './catalog';
import {
  compile,
  compileAll,
  lexiconFor,
  localeCodes,
  ParallelWriter,
  type Entry,
  type LocaleIndex,
  type Rendered,
  type Template,
} from './composer';
import { addMonths, corpusEnd, corpusStart, instantAfter, isoDate, isoDateTime } from './dates';
import type { Random } from './prng';
import { pickTopic, providerRef, topicKeysFor, topicRefs } from './refs';
import { slugify } from './slug';
import {
  adviceLeads,
  articleSentences,
  fallbackTitle,
  headings,
  problemLeads,
  summaries,
  summaryExtras,
  titles,
} from './templates';

/** Limits the generated articles keep (the tests check them). */
export const articleLimits = {
  titleWords: [3, 8],
  summaryChars: 300,
  sections: [3, 6],
  bodyWords: [250, 700],
} as const;

const sentenceTemplates = compileAll(articleSentences);
const headingTemplates = compileAll(headings);
const titleTemplates = compileAll(titles);
const fallbackTitleTemplate = compile(fallbackTitle);
const summaryTemplates = compileAll(summaries);
const summaryExtraTemplates = compileAll(summaryExtras);
const adviceLeadTemplates = compileAll(adviceLeads);
const problemLeadTemplates = compileAll(problemLeads);
const adviceItem = compile(['- {Advice}.', '- {Advice}.', '- {Advice}.']);
const problemItem = compile(['- {problem}', '- {problem}', '- {problem}']);

/** Leaves room below the hard limit for a locale whose words run longer than the others. */
const wordCeiling = articleLimits.bodyWords[1] - 10;
const spanDays = Math.floor((corpusEnd - corpusStart) / 86_400_000) - 30;

function writeTitle(w: ParallelWriter): string[] {
  const [min, max] = articleLimits.titleWords;
  for (let attempt = 0; attempt < 8; attempt++) {
    const title = w.pick(titleTemplates, 0.4);
    if (title.words.every((c, i) => c >= min && c <= max && (title.texts[i]?.length ?? 0) <= 200))
      return title.texts;
  }
  return w.write(fallbackTitleTemplate).texts;
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : max - 1)}…`;
}

function writeSummary(w: ParallelWriter): string[] {
  const summary = w.pick(summaryTemplates, 0.4).texts;
  if (w.rng.chance(0.5)) {
    const extra = w.pick(summaryExtraTemplates).texts;
    const longer = summary.map((s, i) => `${s} ${extra[i] ?? ''}`);
    if (longer.every((s) => s.length <= articleLimits.summaryChars)) return longer;
  }
  return summary.map((s) => clip(s, articleLimits.summaryChars));
}

/** Builds a Markdown body in every locale of the writer at once; returns one body per locale. */
function writeBody(w: ParallelWriter): string[] {
  const { rng } = w;
  const blocks: string[][] = w.locales.map(() => []);
  const words: number[] = w.locales.map(() => 0);
  const most = (): number => Math.max(...words);
  const least = (): number => Math.min(...words);
  const fits = (r: Rendered): boolean =>
    r.words.every((c, i) => (words[i] ?? 0) + c <= wordCeiling);
  const count = (r: Rendered): void => r.words.forEach((c, i) => (words[i] = (words[i] ?? 0) + c));

  /** Adds rendered text as its own block if no locale goes over the ceiling. */
  const addBlock = (r: Rendered): boolean => {
    if (!fits(r)) return false;
    count(r);
    r.texts.forEach((t, i) => blocks[i]?.push(t));
    return true;
  };

  /** A paragraph of 2–5 sentences; stops early once `min` sentences are in and `enough()`. */
  const paragraph = (min: number, enough: () => boolean): boolean => {
    const sentences: string[][] = w.locales.map(() => []);
    const planned = rng.int(2, 5);
    for (let k = 0; k < planned && (k < min || !enough()); k++) {
      let added = false;
      for (let attempt = 0; attempt < 4 && !added; attempt++) {
        const s = w.pick(sentenceTemplates, 0.45);
        if (fits(s)) {
          count(s);
          s.texts.forEach((x, i) => sentences[i]?.push(x));
          added = true;
        }
      }
      if (!added) break;
    }
    if ((sentences[0]?.length ?? 0) === 0) return false;
    sentences.forEach((s, i) => blocks[i]?.push(s.join(' ')));
    return true;
  };

  const listKinds = new Set<'advice' | 'problem'>();
  /** A lead-in and a bullet list of advice or warning signs; each kind at most once. */
  const list = (): void => {
    const unused = (['advice', 'problem'] as const).filter((k) => !listKinds.has(k));
    const kind = unused.length === 2 ? (rng.chance(0.6) ? 'advice' : 'problem') : unused[0];
    if (kind === undefined) return;
    listKinds.add(kind);
    const source = w.ctx.lexicon.list(kind);
    const wanted = Math.min(source.length, rng.int(3, 5));
    const start = rng.int(0, source.length - 1);
    const step = source.length > 2 ? rng.pick([1, source.length - 1]) : 1;
    const lead = w.pick(kind === 'advice' ? adviceLeadTemplates : problemLeadTemplates);
    const texts = lead.texts.map((t) => (kind === 'advice' ? `${t}\n` : `${t}:\n`));
    const total = [...lead.words];
    for (let k = 0; k < wanted; k++) {
      const item = w.write(kind === 'advice' ? adviceItem : problemItem, [
        source[(start + k * step) % source.length] as Entry,
      ]);
      item.texts.forEach((t, i) => (texts[i] = `${texts[i] ?? ''}\n${t}`));
      item.words.forEach((c, i) => (total[i] = (total[i] ?? 0) + c));
    }
    addBlock({ texts, words: total });
  };

  const target = rng.int(330, 640);
  const sections = rng.int(articleLimits.sections[0], articleLimits.sections[1]);
  paragraph(2, () => most() >= 40);
  const used = new Set<number>();
  for (let s = 0; s < sections; s++) {
    let h = rng.zipf(headingTemplates.length, 0.4);
    while (used.has(h)) h = (h + 1) % headingTemplates.length;
    used.add(h);
    const heading = w.write(headingTemplates[h] as Template);
    addBlock({ texts: heading.texts.map((t) => `## ${t}`), words: heading.words });
    const sectionEnd = most() + (target - most()) / (sections - s);
    if (rng.chance(0.3)) list();
    paragraph(2, () => most() >= sectionEnd);
    while (most() < sectionEnd && paragraph(2, () => most() >= sectionEnd));
  }
  while (
    least() < articleLimits.bodyWords[0] &&
    paragraph(1, () => least() >= articleLimits.bodyWords[0])
  );
  return blocks.map((b) => `${b.join('\n\n')}\n`);
}

/**
 * Builds one article item as documents in each of `locales` (a translation group when there are
 * several): shared metadata and sentence plan, text rendered per locale, translations linked.
 */
export function buildArticleGroup(
  id: string,
  item: number,
  locales: readonly LocaleIndex[],
  rng: Random,
): ArticleDocument[] {
  const topic = pickTopic(rng);
  const topicKeys = topicKeysFor(topic, rng, 0.15);
  const providerKey = topic.providers[rng.zipf(topic.providers.length, 1.2)] ?? 'kilde';
  const licence = rng.chance(0.9)
    ? organisationByKey(providerKey).defaultLicence
    : rng.pick(otherLicences);
  const audience = audienceFor(topic, rng);
  const profession = topic.professions[rng.zipf(topic.professions.length, 1)] ?? 'other';
  const responsible: Professional | null = rng.chance(0.92)
    ? { name: personName(rng), profession }
    : null;
  const authors = Array.from({ length: rng.int(1, 2) }, () => personName(rng));
  if (responsible && rng.chance(0.4) && !authors.includes(responsible.name))
    authors.push(responsible.name);
  const sources = sourcesFor(topic, rng);
  const reviewIntervalMonths = rng.chance(0.85)
    ? topic.reviewIntervalMonths
    : rng.pick([3, 6, 12, 24, 36]);
  const published = instantAfter(corpusStart, spanDays, rng);
  const updated = rng.chance(0.5) ? published : instantAfter(published, 400, rng, 1);
  const lastReviewed = isoDate(updated);
  const nextReviewDue = addMonths(lastReviewed, reviewIntervalMonths);

  const writer = new ParallelWriter(locales, { lexicon: lexiconFor(topic.key), age: 0 }, rng);
  const title = writeTitle(writer);
  const summary = writeSummary(writer);
  const body = writeBody(writer);
  const slugs = title.map((t) => `${slugify(t)}-${item}`);

  return locales.map((locale, i) => {
    const variantPublished = i === 0 ? published : instantAfter(published, 45, rng);
    const translations: Translations = {};
    locales.forEach((other, j) => {
      if (j !== i) translations[localeCodes[other] ?? 'nb'] = { id, slug: slugs[j] ?? '' };
    });
    const doc: ArticleDocument = {
      id,
      type: 'article',
      locale: localeCodes[locale] ?? 'nb',
      version: 1,
      translations,
      publishedAt: isoDateTime(variantPublished),
      updatedAt: isoDateTime(Math.max(variantPublished, updated)),
      contentHash: '',
      title: title[i] ?? '',
      slug: slugs[i] ?? '',
      summary: summary[i] ?? '',
      body: body[i] ?? '',
      topics: topicRefs(topicKeys, locale),
      audience: [...audience],
      provider: providerRef(providerKey, locale),
      professionallyResponsible: responsible && { ...responsible },
      authors: [...authors],
      sources: sources.map((s) => ({ ...s })),
      images: [],
      snomed: [],
      licence,
      lastReviewed,
      nextReviewDue,
      reviewIntervalMonths,
    };
    doc.contentHash = computeContentHash(doc);
    return doc;
  });
}
