import type { Ref } from '@kilde/schemas';
import { organisationByKey, topicByKey, topics, topicWeights, type CatalogTopic } from './catalog';
import type { LocaleIndex } from './composer';
import type { Random } from './prng';

/** Canonical ids of seed items, as the generator names them (`topic-<key>`, `org-<key>`). */
export const topicId = (key: string): string => `topic-${key}`;
export const organisationId = (key: string): string => `org-${key}`;

export function pickTopic(rng: Random): CatalogTopic {
  return topics[rng.weighted(topicWeights)] ?? topicByKey('kropp');
}

/** The main topic, its parent (as the seed library tags subtopics), and now and then one more. */
export function topicKeysFor(topic: CatalogTopic, rng: Random, extraChance: number): string[] {
  const keys = [topic.key];
  if (topic.parent) keys.push(topic.parent);
  if (rng.chance(extraChance)) {
    const extra = pickTopic(rng).key;
    if (!keys.includes(extra)) keys.push(extra);
  }
  return keys;
}

export function topicRefs(keys: readonly string[], locale: LocaleIndex): Ref[] {
  return keys.map((key) => {
    const topic = topicByKey(key);
    return { id: topicId(key), slug: topic.slug[locale], title: topic.title[locale] };
  });
}

export function providerRef(key: string, locale: LocaleIndex): Ref {
  return { id: organisationId(key), title: organisationByKey(key).name[locale] };
}
