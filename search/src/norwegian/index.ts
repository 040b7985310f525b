/** The Norwegian layer: analysis shared by both engines. */
export { fold } from './fold';
export { tokenize, words, type Token } from './tokenize';
export { stemNorwegian, stemEnglish } from './stemmer';
export { spellingVariantPairs } from './spelling-variants';
export { defaultSynonyms } from './synonyms';
export { norwegianStopWords, englishStopWords } from './stop-words';
export { curatedHealthWords } from './curated-vocabulary';
export {
  splitCompound,
  defaultCompoundSplitOptions,
  type CompoundSplitOptions,
  type PartLexicon,
} from './compound-splitter';
export { Vocabulary, type VocabularyJson, type VocabularyMatch } from './vocabulary';
export {
  TextAnalyzer,
  profileFor,
  type AnalysisProfile,
  type AnalyzerOptions,
  type WordAnalysis,
} from './analyzer';
export {
  planQuery,
  type PlanOptions,
  type PlannedGroup,
  type PlannedTerm,
  type PlannedWord,
  type QueryPlan,
} from './query-plan';
export { suggestQuery } from './suggest';
export { typoBudget, typoCost, editDistance } from './typo';
