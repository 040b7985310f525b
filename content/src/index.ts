/** @kilde/content — the seed library and the benchmark corpus generator. */
export * from './seed-library';
export * from './generate-corpus';
export { slugify } from './corpus/slug';
