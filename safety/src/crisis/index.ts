export { detectCrisis } from './detect-crisis';
export { crisisHelp } from './crisis-help';
export { evaluateCrisisDetector } from './evaluate-crisis-detector';
export type { CrisisEvaluation } from './evaluate-crisis-detector';
export { foldWord } from './normalize';
export { CRISIS_CATEGORIES } from './types';
export type {
  CrisisCategory,
  CrisisSeverity,
  CrisisResult,
  CrisisCase,
  CrisisHelpLine,
} from './types';
