/** Strings of the Partner entry's "API keys" panel in English and Norwegian bokmål. */
export const partnerKeysEn = {
  'keys.title': 'API keys',
  'keys.save-first': 'Save the partner first; keys are issued for its name.',
  'keys.none': 'No keys yet.',
  'keys.status.active': 'active',
  'keys.status.expiring': 'expires {date}',
  'keys.status.expired': 'expired',
  'keys.status.revoked': 'revoked',
  'keys.lastUsed': 'last used {date}',
  'keys.neverUsed': 'never used',
  'keys.create': 'Create key',
  'keys.scopes': 'Scopes',
  'keys.rateLimit': 'Requests per minute (empty: API default)',
  'keys.shown-once': 'Copy this key now. It is shown once; Kilde keeps only its hash.',
  'keys.revoke': 'Revoke',
  'keys.rotate': 'Rotate (old key works 24 h more)',
  'keys.revoked': 'Key revoked. API servers stop accepting it within 10 seconds.',
  'keys.usage': 'Usage, last 30 days',
  'keys.usage.none': 'No requests in the last 30 days.',
  'keys.usage.row': '{provider}: {requests} requests, {items} items',
  'keys.usage.total': 'All content',
  'keys.read-only':
    'Only administrators create, rotate and revoke keys. Secrets are never shown here.',
} as const;

export type PartnerKeysMessageKey = keyof typeof partnerKeysEn;

export const partnerKeysNb: Record<PartnerKeysMessageKey, string> = {
  'keys.title': 'API-nøkler',
  'keys.save-first': 'Lagre partneren først; nøkler utstedes for navnet.',
  'keys.none': 'Ingen nøkler ennå.',
  'keys.status.active': 'aktiv',
  'keys.status.expiring': 'utløper {date}',
  'keys.status.expired': 'utløpt',
  'keys.status.revoked': 'trukket tilbake',
  'keys.lastUsed': 'sist brukt {date}',
  'keys.neverUsed': 'aldri brukt',
  'keys.create': 'Lag nøkkel',
  'keys.scopes': 'Tilganger',
  'keys.rateLimit': 'Forespørsler per minutt (tomt: API-ets standard)',
  'keys.shown-once':
    'Kopier nøkkelen nå. Den vises bare én gang; Kilde lagrer bare en hash av den.',
  'keys.revoke': 'Trekk tilbake',
  'keys.rotate': 'Bytt ut (gammel nøkkel virker 24 t til)',
  'keys.revoked': 'Nøkkelen er trukket tilbake. API-serverne avviser den innen 10 sekunder.',
  'keys.usage': 'Bruk siste 30 dager',
  'keys.usage.none': 'Ingen forespørsler siste 30 dager.',
  'keys.usage.row': '{provider}: {requests} forespørsler, {items} elementer',
  'keys.usage.total': 'Alt innhold',
  'keys.read-only':
    'Bare administratorer lager, bytter ut og trekker tilbake nøkler. Hemmelighetene vises aldri her.',
};

export const partnerKeysTranslations: Record<string, Record<string, string>> = {
  en: Object.fromEntries(Object.entries(partnerKeysEn).map(([k, v]) => [`kilde.${k}`, v])),
  no: Object.fromEntries(Object.entries(partnerKeysNb).map(([k, v]) => [`kilde.${k}`, v])),
};
