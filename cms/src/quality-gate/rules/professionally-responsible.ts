import type { QualityRule } from '../types';

/** Articles are knowledge-based: a named professional vouches for the content. */
export const professionallyResponsible: QualityRule = {
  id: 'professionally-responsible',
  run({ input }) {
    // Questions carry the answering professional on the answer itself.
    if (input.type !== 'article') return [];
    const responsible = input.professionallyResponsible;
    // Defensive reads: the import API hands us JSON that has not been schema-checked yet.
    if (responsible?.name?.trim() && String(responsible.profession ?? '').trim()) return [];
    return [
      {
        severity: 'error',
        message: 'Name the professionally responsible person and their profession.',
        messageNb: 'Oppgi hvem som er faglig ansvarlig, med navn og yrke.',
      },
    ];
  },
};
