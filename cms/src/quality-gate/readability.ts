import type { Locale } from '@kilde/schemas';
import type { Nodes, PhrasingContent, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { countNewlines, parseMarkdown } from './parse-body';
import { splitSentences } from './tokenize';
import type { Readability, ReadabilityLevelKey } from './types';

/** Default: a sentence with more than 25 words is long. */
export const DEFAULT_LONG_SENTENCE_WORDS = 25;
/** Default: a word with 7 or more letters is long (LIX: "more than 6 letters"). */
export const DEFAULT_LONG_WORD_CHARS = 7;

/** A measured sentence of the body. */
export interface MeasuredSentence {
  text: string;
  words: number;
  longWords: number;
  /** 1-based line in the Markdown where the sentence starts. */
  line: number | undefined;
}

/** The figures plus the sentences behind them, for rules that point at long sentences. */
export interface ReadabilityReport {
  readability: Readability;
  sentences: MeasuredSentence[];
}

/** What the measurement needs to know. */
export interface ReadabilityOptions {
  locale: Locale;
  longSentenceWords?: number;
  longWordChars?: number;
}

const LEVELS: readonly { below: number; key: ReadabilityLevelKey; nb: string; en: string }[] = [
  { below: 25, key: 'very-easy', nb: 'svært lettlest', en: 'very easy' },
  { below: 35, key: 'easy', nb: 'lettlest', en: 'easy' },
  { below: 45, key: 'medium', nb: 'middels', en: 'medium' },
  { below: 55, key: 'difficult', nb: 'vanskelig', en: 'difficult' },
  { below: Infinity, key: 'very-difficult', nb: 'svært vanskelig', en: 'very difficult' },
];

/**
 * The LIX band for a score, labelled in the locale (nb and nn share the labels).
 *
 * @remarks Bands are half-open on the unrounded score: 34.9 is still "lettlest", 35 is "middels".
 */
export function lixLevel(lix: number, locale: Locale): { key: ReadabilityLevelKey; label: string } {
  const level = LEVELS.find((candidate) => lix < candidate.below) ?? LEVELS[LEVELS.length - 1]!;
  return { key: level.key, label: locale === 'en' ? level.en : level.nb };
}

/**
 * Measures the readability (LIX and friends) of a Markdown text.
 *
 * @remarks Only prose counts: paragraphs, headings, list items, block quotes and table cells.
 * Code, raw HTML, front matter, image alt text and link URLs are left out. The title is not
 * part of it: callers pass the body. See `tokenize.ts` for the word and sentence rules.
 */
export function measureReadability(
  markdown: string,
  options: ReadabilityOptions,
): ReadabilityReport {
  return measureTree(parseMarkdown(markdown), options);
}

/** {@link measureReadability} for an already parsed body. */
export function measureTree(tree: Root, options: ReadabilityOptions): ReadabilityReport {
  const longSentenceWords = options.longSentenceWords ?? DEFAULT_LONG_SENTENCE_WORDS;
  const longWordChars = options.longWordChars ?? DEFAULT_LONG_WORD_CHARS;
  const sentences: MeasuredSentence[] = [];

  for (const block of textBlocks(tree)) {
    for (const sentence of splitSentences(block.text)) {
      sentences.push({
        text: sentence.text,
        words: sentence.wordLengths.length,
        longWords: sentence.wordLengths.filter((letters) => letters >= longWordChars).length,
        line: block.lineAt(sentence.start),
      });
    }
  }

  const words = sum(sentences.map((s) => s.words));
  const longWords = sum(sentences.map((s) => s.longWords));
  const longSentences = sentences.filter((s) => s.words > longSentenceWords).length;
  // No words means nothing to read: report 0 rather than NaN so UIs and JSON stay sane.
  const lix = words === 0 ? 0 : words / sentences.length + (100 * longWords) / words;
  const level = lixLevel(lix, options.locale);
  return {
    readability: {
      lix,
      words,
      sentences: sentences.length,
      longWords,
      longSentences,
      longSentenceShare: sentences.length === 0 ? 0 : longSentences / sentences.length,
      longWordShare: words === 0 ? 0 : longWords / words,
      level: level.label,
      levelKey: level.key,
    },
    sentences,
  };
}

interface TextBlock {
  text: string;
  lineAt(offset: number): number | undefined;
}

interface Chunk {
  offset: number;
  line: number | undefined;
}

/**
 * The blocks that end a sentence by ending: a heading or list item without a full stop is
 * still one sentence, as a reader (and a screen reader) pauses there.
 */
function textBlocks(tree: Root): TextBlock[] {
  const blocks: TextBlock[] = [];
  visit(tree, (node: Nodes) => {
    if (node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'tableCell') return;
    const chunks: Chunk[] = [];
    const parts: string[] = [];
    let length = 0;
    const append = (text: string, line: number | undefined): void => {
      chunks.push({ offset: length, line });
      parts.push(text);
      length += text.length;
    };
    const walk = (children: readonly PhrasingContent[]): void => {
      for (const child of children) {
        const line = child.position?.start.line;
        switch (child.type) {
          case 'text':
          case 'inlineCode':
            append(child.value, line);
            break;
          case 'break':
            append('\n', line);
            break;
          case 'image':
          case 'imageReference':
          case 'footnoteReference':
          case 'html':
            // Not read as prose, but must still separate the words around it.
            append(' ', line);
            break;
          default:
            walk(child.children);
        }
      }
    };
    walk(node.children);
    const text = parts.join('');
    blocks.push({
      text,
      lineAt(offset) {
        const chunk = chunks.findLast((candidate) => candidate.offset <= offset);
        if (chunk?.line === undefined) return undefined;
        return chunk.line + countNewlines(text.slice(chunk.offset, offset));
      },
    });
  });
  return blocks;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
