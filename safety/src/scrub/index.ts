export { scrubPersonalData, containsPersonalData } from './scrub-personal-data';
export { isValidNorwegianNationalId } from './national-id';
export { PLACEHOLDERS, placeholderFor } from './placeholders';
export { PUBLIC_SERVICE_NUMBERS } from './find-numbers';
export type { PiiType, PiiFinding, ScrubOptions, ScrubResult } from './types';
