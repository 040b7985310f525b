import { parseBody } from './parse-body';
import { DEFAULT_LONG_SENTENCE_WORDS, DEFAULT_LONG_WORD_CHARS, measureTree } from './readability';
import { defaultRules } from './rules';
import type {
  GateCheck,
  GateInput,
  GateOptions,
  GateResult,
  ResolvedGateOptions,
  RuleContext,
} from './types';

/** LIX target for texts that young people read. */
export const YOUTH_LIX_TARGET = 40;
/** LIX target for texts only for parents and professionals. */
export const ADULT_LIX_TARGET = 50;

const YOUTH_AUDIENCES: ReadonlySet<string> = new Set(['13-15', '16-17', '18-20']);

/**
 * The LIX target for an audience: 40 if any youth band reads it, 50 if only parents or
 * professionals do.
 *
 * @remarks No audience at all counts as youth: Kilde is a youth service, so the stricter
 * target is the safe default.
 */
export function defaultLixTarget(audience: GateInput['audience']): number {
  const bands = audience ?? [];
  if (bands.length === 0 || bands.some((band) => YOUTH_AUDIENCES.has(band)))
    return YOUTH_LIX_TARGET;
  return ADULT_LIX_TARGET;
}

/** Applies the defaults to the caller's options. */
export function resolveGateOptions(
  input: GateInput,
  options: GateOptions = {},
): ResolvedGateOptions {
  return {
    lixTarget: options.lixTarget ?? defaultLixTarget(input.audience),
    isPublishedLink: options.isPublishedLink,
    longSentenceWords: options.longSentenceWords ?? DEFAULT_LONG_SENTENCE_WORDS,
    longWordChars: options.longWordChars ?? DEFAULT_LONG_WORD_CHARS,
  };
}

/**
 * Runs the quality rules over one language variant and says whether it may be published.
 *
 * @remarks Pure and synchronous: the CMS runs it before publishing, the import API before
 * accepting, and the admin UI while the editor types. A rule that throws is a bug and is not
 * swallowed, so a broken rule can never wave content through.
 */
export function runQualityGate(input: GateInput, options: GateOptions = {}): GateResult {
  const resolved = resolveGateOptions(input, options);
  const body = parseBody(input.body ?? '');
  const readability = measureTree(body.tree, {
    locale: input.locale,
    longSentenceWords: resolved.longSentenceWords,
    longWordChars: resolved.longWordChars,
  });
  const ctx: RuleContext = { input, options: resolved, body, readability };

  const checks: GateCheck[] = [];
  for (const rule of options.rules ?? defaultRules) {
    const findings = rule
      .run(ctx)
      // Body order within a rule, so an editor can work down the text.
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    for (const finding of findings) {
      const check: GateCheck = { rule: rule.id, ...finding };
      if (check.line === undefined) delete check.line;
      checks.push(check);
    }
  }
  return {
    passed: !checks.some((check) => check.severity === 'error'),
    checks,
    readability: readability.readability,
  };
}
