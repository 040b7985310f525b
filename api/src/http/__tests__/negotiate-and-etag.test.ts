import { etagOf, ifNoneMatch } from '../etag';
import { GRAPHQL_RESPONSE_TYPE, JSON_TYPE, responseMediaType } from '../negotiate';

describe('responseMediaType', () => {
  it('picks application/json unless graphql-response+json is preferred', () => {
    expect(responseMediaType(undefined)).toBe(JSON_TYPE);
    expect(responseMediaType('*/*')).toBe(JSON_TYPE);
    expect(responseMediaType('application/json')).toBe(JSON_TYPE);
    expect(responseMediaType('application/graphql-response+json')).toBe(GRAPHQL_RESPONSE_TYPE);
    expect(responseMediaType('application/graphql-response+json, application/json;q=0.9')).toBe(GRAPHQL_RESPONSE_TYPE);
    expect(responseMediaType('application/json, application/graphql-response+json')).toBe(JSON_TYPE);
  });

  it('returns null when neither is acceptable', () => {
    expect(responseMediaType('text/html')).toBeNull();
    expect(responseMediaType('application/json;q=0')).toBeNull();
  });
});

describe('ETags', () => {
  it('are stable per body and match If-None-Match lists, weak or strong', () => {
    const tag = etagOf('{"data":{}}');
    expect(tag).toBe(etagOf(Buffer.from('{"data":{}}')));
    expect(tag).not.toBe(etagOf('{"data":null}'));
    expect(ifNoneMatch(tag, tag)).toBe(true);
    expect(ifNoneMatch(`"x", W/${tag}`, tag)).toBe(true);
    expect(ifNoneMatch('*', tag)).toBe(true);
    expect(ifNoneMatch('"x"', tag)).toBe(false);
    expect(ifNoneMatch(undefined, tag)).toBe(false);
  });
});
