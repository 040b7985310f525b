/** @kilde/content — the seed library and the benchmark corpus generator. */
export * from './seed-library';
