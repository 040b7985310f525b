/** Strings of the audit log page in English and Norwegian bokmål (Strapi's admin `no`). */
export const auditEn = {
  'audit.menu': 'Audit log',
  'audit.title': 'Audit log',
  'audit.subtitle':
    'Who did what and when: sign-ins, roles and permissions, workflow steps, publishing, partner keys, webhooks, imports and exports. Entries cannot be changed or deleted.',
  'audit.filter.action': 'Action',
  'audit.filter.action.all': 'All actions',
  'audit.filter.actor': 'Actor (e.g. admin:3 or partner:)',
  'audit.filter.from': 'From (YYYY-MM-DD)',
  'audit.filter.to': 'To (YYYY-MM-DD)',
  'audit.filter.outcome': 'Outcome',
  'audit.filter.outcome.all': 'All',
  'audit.filter.outcome.success': 'Succeeded',
  'audit.filter.outcome.failure': 'Failed',
  'audit.filter.apply': 'Apply filters',
  'audit.export.csv': 'Export CSV',
  'audit.export.ndjson': 'Export NDJSON',
  'audit.col.at': 'When',
  'audit.col.actor': 'Who',
  'audit.col.action': 'What',
  'audit.col.subject': 'Subject',
  'audit.col.outcome': 'Outcome',
  'audit.col.details': 'Details',
  'audit.more': 'Load older entries',
  'audit.empty': 'No entries match these filters.',
  'audit.loading': 'Loading…',
  'audit.error': 'Could not load the audit log: {message}',
} as const;

export type AuditMessageKey = keyof typeof auditEn;

export const auditNb: Record<AuditMessageKey, string> = {
  'audit.menu': 'Revisjonslogg',
  'audit.title': 'Revisjonslogg',
  'audit.subtitle':
    'Hvem gjorde hva og når: innlogginger, roller og tilganger, arbeidsflyt, publisering, partnernøkler, webhooks, import og eksport. Oppføringer kan ikke endres eller slettes.',
  'audit.filter.action': 'Handling',
  'audit.filter.action.all': 'Alle handlinger',
  'audit.filter.actor': 'Utført av (f.eks. admin:3 eller partner:)',
  'audit.filter.from': 'Fra (ÅÅÅÅ-MM-DD)',
  'audit.filter.to': 'Til (ÅÅÅÅ-MM-DD)',
  'audit.filter.outcome': 'Utfall',
  'audit.filter.outcome.all': 'Alle',
  'audit.filter.outcome.success': 'Vellykket',
  'audit.filter.outcome.failure': 'Mislykket',
  'audit.filter.apply': 'Bruk filtre',
  'audit.export.csv': 'Eksporter CSV',
  'audit.export.ndjson': 'Eksporter NDJSON',
  'audit.col.at': 'Når',
  'audit.col.actor': 'Hvem',
  'audit.col.action': 'Hva',
  'audit.col.subject': 'Gjelder',
  'audit.col.outcome': 'Utfall',
  'audit.col.details': 'Detaljer',
  'audit.more': 'Last eldre oppføringer',
  'audit.empty': 'Ingen oppføringer passer filtrene.',
  'audit.loading': 'Laster …',
  'audit.error': 'Kunne ikke laste revisjonsloggen: {message}',
};

export const auditTranslations: Record<string, Record<string, string>> = {
  en: Object.fromEntries(Object.entries(auditEn).map(([k, v]) => [`kilde.${k}`, v])),
  no: Object.fromEntries(Object.entries(auditNb).map(([k, v]) => [`kilde.${k}`, v])),
};
