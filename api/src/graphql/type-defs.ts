/**
 * The partner-facing GraphQL schema. Names are a contract with partners: add, never rename.
 * Types mirror the canonical documents in `schemas/json/` (one language variant per item).
 */
export const typeDefs = /* GraphQL */ `
  """
  Kilde's published library of quality-assured youth health content: articles, answered
  questions, help services, topics and content providers, in Norwegian bokmål, nynorsk and
  English. Every request needs \`Authorization: Bearer <key>\`; see docs/partners.md.
  """
  schema {
    query: Query
  }

  "An instant in ISO 8601 UTC, e.g. 2026-02-01T10:15:00.000Z."
  scalar DateTime

  "A calendar date, YYYY-MM-DD."
  scalar Date

  "Any JSON value (used for JSON-LD)."
  scalar JSON

  "A language: Norwegian bokmål (nb), Norwegian nynorsk (nn) or English (en)."
  enum Locale {
    nb
    nn
    en
  }

  "The kinds of published items (the canonical document \`type\`)."
  enum ContentType {
    article
    question
    service
    topic
    organisation
  }

  "How a help service is reached."
  enum ServiceChannel {
    chat
    phone
    helsestasjon
    booking
    school_nurse
    in_person
    web
  }

  "What a change-feed entry did to an item's language variant."
  enum ChangeOperation {
    "The variant was published or updated; \`item\` holds it as of this version."
    upsert
    "The variant was withdrawn (a tombstone); remove it from your copy."
    delete
  }

  "Why a change happened."
  enum ChangeEvent {
    published
    updated
    unpublished
    deleted
  }

  "Pagination state of a connection (Relay cursor connections)."
  type PageInfo {
    "True when another page follows; ask for it with \`after: endCursor\`."
    hasNextPage: Boolean!
    "Always false: connections page forwards only."
    hasPreviousPage: Boolean!
    "Cursor of the first edge on this page."
    startCursor: String
    "Cursor to pass as \`after\` (or \`since\` for \`changes\`) to continue."
    endCursor: String
  }

  "Another published language variant of the same item."
  type Translation {
    locale: Locale!
    "Item id; the same for every language variant."
    id: ID!
    "Slug of that variant (articles, topics, services)."
    slug: String
  }

  "A reference to a topic, as stored on the item."
  type TopicRef {
    id: ID!
    slug: String
    title: String
    "The topic itself in the same locale, if published."
    topic: Topic
  }

  "A professional, e.g. the one professionally responsible for an article (fagansvarlig)."
  type Professional {
    name: String!
    "doctor, psychologist, nurse, health-visitor, midwife, lawyer, social-worker, nutritionist, dentist, physiotherapist, pharmacist or other."
    profession: String!
    "The profession as a job title in the item's language."
    title: String!
  }

  "A rendition of an image made by the CMS (sharp)."
  type ImageVariant {
    url: String!
    width: Int!
    height: Int
    "webp, avif, jpeg, png or gif."
    format: String!
  }

  "An image with alt text and its resized variants."
  type Image {
    "The original file; relative URLs are relative to the CMS origin."
    url: String!
    "Alternative text; always present."
    alt: String!
    caption: String
    credit: String
    width: Int
    height: Int
    mime: String
    "Resized renditions, smallest first."
    variants: [ImageVariant!]!
  }

  "The organisation that provides an item."
  type Provider {
    id: ID!
    name: String!
    "The provider's website."
    url: String
    logo: Image
    "Norwegian organisation number (9 digits)."
    orgNumber: String
  }

  "What a licence asks of you when you republish."
  type LicenceTerms {
    "Name the provider (and link the source) wherever the content appears."
    attributionRequired: Boolean!
    "Share adaptations under the same licence."
    shareAlike: Boolean!
    "No commercial use."
    nonCommercial: Boolean!
    "Republish unchanged only: no edits, excerpts or translations."
    noDerivatives: Boolean!
    "Reuse only under a separate agreement with the provider."
    agreementRequired: Boolean!
  }

  "Who provides an item, under which licence, and where its canonical version lives."
  type Attribution {
    provider: Provider
    professionallyResponsible: Professional
    "SPDX licence identifier: CC-BY-4.0, CC-BY-SA-4.0, CC-BY-NC-4.0, CC-BY-ND-4.0, CC0-1.0, NLOD-2.0 or LicenseRef-All-Rights-Reserved."
    licence: String!
    "Human-readable licence name, e.g. CC BY 4.0."
    licenceName: String!
    "The licence text; null for all rights reserved."
    licenceUrl: String
    terms: LicenceTerms!
    "Where the provider publishes the item; link here when you republish."
    canonicalUrl: String
    "A ready-made attribution line in the item's language, e.g. 'Innhold fra Helsestasjon for ungdom, lisensiert under CC BY 4.0.'"
    notice: String!
  }

  "Markdown text in three renditions."
  type RichText {
    "CommonMark + GitHub Flavored Markdown, as written."
    markdown: String!
    "HTML rendered from the Markdown and sanitized (no scripts, styles, iframes or event handlers); safe to insert."
    html: String!
    "Plain text: blocks separated by a blank line, list items by a line break."
    text: String!
  }

  "A source or reference backing an article."
  type Source {
    title: String!
    publisher: String
    year: Int
    url: String
    "Full bibliographic reference when there is no URL."
    reference: String
    "research, guideline, law or other."
    kind: String!
  }

  "A SNOMED CT concept the article is about."
  type SnomedConcept {
    code: String!
    term: String!
  }

  "Fields every published language variant has."
  interface Item {
    "Item id, shared by every language variant."
    id: ID!
    type: ContentType!
    locale: Locale!
    "Increases by one for each published change of this variant."
    version: Int!
    "The other published language variants."
    translations: [Translation!]!
    "When this variant was first published."
    publishedAt: DateTime!
    "When this version was published."
    updatedAt: DateTime!
    "SHA-256 over the content (not the envelope); equal content has equal hashes."
    contentHash: String!
  }

  "An item partners republish: it carries attribution and review dates."
  interface ContentItem implements Item {
    id: ID!
    type: ContentType!
    locale: Locale!
    version: Int!
    translations: [Translation!]!
    publishedAt: DateTime!
    updatedAt: DateTime!
    contentHash: String!
    title: String!
    attribution: Attribution!
    "Date of the last professional review; null when not reviewed yet (or not applicable)."
    lastReviewed: Date
    "Date the next professional review is due."
    nextReviewDue: Date
  }

  "A published language variant of a health article."
  type Article implements Item & ContentItem {
    id: ID!
    type: ContentType!
    locale: Locale!
    version: Int!
    translations: [Translation!]!
    publishedAt: DateTime!
    updatedAt: DateTime!
    contentHash: String!
    title: String!
    slug: String!
    "Plain text, at most 300 characters."
    summary: String!
    body: RichText!
    topics: [TopicRef!]!
    "Age bands and groups the article is written for: 13-15, 16-17, 18-20, parents, professionals."
    audience: [String!]!
    authors: [String!]!
    sources: [Source!]!
    images: [Image!]!
    snomed: [SnomedConcept!]!
    attribution: Attribution!
    lastReviewed: Date
    nextReviewDue: Date
    "Months between professional reviews."
    reviewIntervalMonths: Int!
    "schema.org MedicalWebPage (with lastReviewed, reviewedBy, inLanguage, license, publisher) for a <script type=\\"application/ld+json\\">."
    jsonLd: JSON!
  }

  "A published, anonymised question from a young person with a professional's answer."
  type Question implements Item & ContentItem {
    id: ID!
    type: ContentType!
    locale: Locale!
    version: Int!
    translations: [Translation!]!
    publishedAt: DateTime!
    updatedAt: DateTime!
    contentHash: String!
    "A short title derived from the question."
    title: String!
    "The question, plain text."
    question: String!
    answer: RichText!
    "Profession of the professional who answered."
    answererProfession: String!
    "Age band of the person who asked (13-15, 16-17, 18-20), if given."
    askerAgeBand: String
    answeredAt: Date!
    topics: [TopicRef!]!
    attribution: Attribution!
    lastReviewed: Date
    nextReviewDue: Date
    "schema.org MedicalWebPage with the question and answer as mainEntity."
    jsonLd: JSON!
  }

  "A help service young people can be routed to (level 2 or 3)."
  type Service implements Item & ContentItem {
    id: ID!
    type: ContentType!
    locale: Locale!
    version: Int!
    translations: [Translation!]!
    publishedAt: DateTime!
    updatedAt: DateTime!
    contentHash: String!
    title: String!
    slug: String!
    description: String!
    channel: ServiceChannel!
    url: String
    phone: String
    openingHours: String
    "Youngest age served, if limited."
    ageMin: Int
    "Oldest age served, if limited."
    ageMax: Int
    region: String
    municipality: String
    "2 (first-line help) or 3 (specialist help)."
    level: Int!
    "Suitable when a young person is in crisis (suicide, abuse, acute danger)."
    crisis: Boolean!
    topics: [TopicRef!]!
    "Services carry the provider's default licence and no professional review dates."
    attribution: Attribution!
    lastReviewed: Date
    nextReviewDue: Date
  }

  "A localized topic in the topic hierarchy."
  type Topic implements Item {
    id: ID!
    type: ContentType!
    locale: Locale!
    version: Int!
    translations: [Translation!]!
    publishedAt: DateTime!
    updatedAt: DateTime!
    contentHash: String!
    title: String!
    slug: String!
    description: String!
    parent: TopicRef
    reviewIntervalMonths: Int!
  }

  "A content provider."
  type Organisation implements Item {
    id: ID!
    type: ContentType!
    locale: Locale!
    version: Int!
    translations: [Translation!]!
    publishedAt: DateTime!
    updatedAt: DateTime!
    contentHash: String!
    name: String!
    description: String!
    orgNumber: String
    url: String
    logo: Image
    "SPDX identifier of the licence the provider publishes under by default."
    defaultLicence: String!
  }

  type ArticleEdge {
    cursor: String!
    node: Article!
  }

  "A page of articles, oldest change first."
  type ArticleConnection {
    edges: [ArticleEdge!]!
    "The nodes of \`edges\`, for when you need no cursors."
    nodes: [Article!]!
    pageInfo: PageInfo!
  }

  type QuestionEdge {
    cursor: String!
    node: Question!
  }

  "A page of answered questions, oldest change first."
  type QuestionConnection {
    edges: [QuestionEdge!]!
    nodes: [Question!]!
    pageInfo: PageInfo!
  }

  type ServiceEdge {
    cursor: String!
    node: Service!
  }

  "A page of help services, oldest change first."
  type ServiceConnection {
    edges: [ServiceEdge!]!
    nodes: [Service!]!
    pageInfo: PageInfo!
  }

  "One entry of the change feed."
  type Change {
    op: ChangeOperation!
    event: ChangeEvent!
    type: ContentType!
    "Item id."
    id: ID!
    locale: Locale!
    "Version of the variant after this change (a tombstone has its own version)."
    version: Int!
    "When the change was published."
    at: DateTime!
    "For an upsert: the variant as of this version. Null for a delete."
    item: Item
    "For a delete: when the variant was withdrawn."
    deletedAt: DateTime
  }

  type ChangeEdge {
    "Position of this change; pass as \`since\` to continue after it."
    cursor: String!
    node: Change!
  }

  "A page of the change feed, in publication order."
  type ChangeConnection {
    edges: [ChangeEdge!]!
    nodes: [Change!]!
    "\`endCursor\` is where to continue; store it and pass it as \`since\` next time."
    pageInfo: PageInfo!
  }

  "One search hit."
  type SearchHit {
    item: ContentItem!
    "A passage of the text around the match, HTML-escaped, with <mark> around matched words."
    snippet: String
    "The title, HTML-escaped, with <mark> around matched words."
    highlightedTitle: String
  }

  type SearchResults {
    "How many items match in all (an estimate for very large result sets)."
    totalHits: Int!
    hits: [SearchHit!]!
  }

  type Query {
    "One article variant, by \`id\` or by \`slug\` (give exactly one), in a locale. Null when not published. Scope: read:content."
    article(id: ID, slug: String, locale: Locale!): Article

    "Published articles in a locale, oldest change first. Filters combine with AND. Scope: read:content."
    articles(
      locale: Locale!
      "Topic id or slug."
      topic: String
      "An audience value, e.g. 16-17."
      audience: String
      "Provider (organisation) id."
      provider: ID
      "Only articles updated at or after this instant."
      updatedSince: DateTime
      "Page size, 1–100."
      first: Int = 20
      "\`endCursor\` of the previous page."
      after: String
    ): ArticleConnection!

    "One answered question. Without \`locale\`, the nb variant, else nn, else en. Scope: read:questions."
    question(id: ID!, locale: Locale): Question

    "Published answered questions in a locale, oldest change first. Scope: read:questions."
    questions(
      locale: Locale!
      "Topic id or slug."
      topic: String
      updatedSince: DateTime
      first: Int = 20
      after: String
    ): QuestionConnection!

    "One help service. Without \`locale\`, the nb variant, else nn, else en. Scope: read:content."
    service(id: ID!, locale: Locale): Service

    "Published help services in a locale. Scope: read:content."
    services(
      locale: Locale!
      "Region (fylke), matched case-insensitively; services without a region are national and always match."
      region: String
      channel: ServiceChannel
      "Only services open to this age."
      age: Int
      first: Int = 20
      after: String
    ): ServiceConnection!

    "Every published topic in a locale. Scope: read:content."
    topics(locale: Locale!): [Topic!]!

    "Every published content provider, in a locale. Scope: read:content."
    organisations(locale: Locale = nb): [Organisation!]!

    "Full-text search over articles, questions and services. Questions only with read:questions. Scope: search."
    search(query: String!, locale: Locale!, types: [ContentType!], first: Int = 20): SearchResults!

    """
    Every upsert and tombstone since \`since\`, in publication order: the way to keep a copy in
    sync. Start without \`since\`, store \`pageInfo.endCursor\`, and pass it next time. Question
    changes appear only with read:questions. Scope: read:content.
    """
    changes(since: String, first: Int = 100): ChangeConnection!
  }
`;
