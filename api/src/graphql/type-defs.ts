/**
 * The partner-facing GraphQL schema. Names are a contract with partners: add, never rename.
 * Types mirror the canonical documents in `schemas/`.
 */
export const typeDefs = /* GraphQL */ `
  "A language: Norwegian bokmål (nb), Norwegian nynorsk (nn) or English (en)."
  enum Locale {
    nb
    nn
    en
  }

  "Another published language variant of the same item."
  type Translation {
    locale: Locale!
    id: ID!
    slug: String
  }

  "A reference to a topic."
  type TopicRef {
    id: ID!
    slug: String
    title: String
  }

  "The organisation that provides an item."
  type Provider {
    id: ID!
    name: String
  }

  "The professionally responsible person (fagansvarlig)."
  type Professional {
    name: String!
    profession: String!
  }

  "Who provides an item, under which licence, and where its canonical version lives."
  type Attribution {
    provider: Provider
    professionallyResponsible: Professional
    "SPDX licence identifier, e.g. CC-BY-4.0 or NLOD-2.0."
    licence: String!
    canonicalUrl: String
  }

  "A source or reference backing an article."
  type Source {
    title: String!
    publisher: String
    year: Int
    url: String
    reference: String
    kind: String!
  }

  "A published language variant of a health article."
  type Article {
    "Item id, shared by every language variant."
    id: ID!
    locale: Locale!
    "Increases by one for each published change of this variant."
    version: Int!
    title: String!
    slug: String!
    "Plain text, at most 300 characters."
    summary: String!
    "The body as Markdown."
    bodyMarkdown: String!
    topics: [TopicRef!]!
    audience: [String!]!
    sources: [Source!]!
    translations: [Translation!]!
    attribution: Attribution!
    "Date of the last professional review (YYYY-MM-DD)."
    lastReviewed: String
    "Date the next review is due (YYYY-MM-DD)."
    nextReviewDue: String
    publishedAt: String!
    updatedAt: String!
    contentHash: String!
  }

  type Query {
    "One article variant, by id or slug, in a locale. Returns null when it is not published."
    article(id: ID, slug: String, locale: Locale!): Article
  }
`;
