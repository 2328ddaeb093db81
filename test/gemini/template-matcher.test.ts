import { describe, expect, it } from 'vitest';
import { HOLE } from '../../src/gemini/paths.js';
import { TemplateMatcher } from '../../src/gemini/template-matcher.js';

const matcher = new TemplateMatcher([
  { template: '/v1/items' },
  { template: '/v1/items/{id}' },
  { template: '/v1/items/new' },
  { template: '/v1/{kind}/list' },
  { template: '/v1/things/list' },
  { template: '/v2/{a}/{b}' },
]);

describe('TemplateMatcher', () => {
  it('matches literal and parameter templates', () => {
    expect(matcher.match('/v1/items')?.template).toBe('/v1/items');
    expect(matcher.match('/v1/items/42')?.template).toBe('/v1/items/{id}');
    expect(matcher.match('/v2/x/y')?.template).toBe('/v2/{a}/{b}');
  });

  it('prefers the literal template for a concrete segment', () => {
    expect(matcher.match('/v1/items/new')?.template).toBe('/v1/items/new');
    expect(matcher.match('/v1/things/list')?.template).toBe('/v1/things/list');
    expect(matcher.match('/v1/others/list')?.template).toBe('/v1/{kind}/list');
  });

  it('does not prefer a literal where the input segment has a hole', () => {
    expect(matcher.match(`/v1/items/n${HOLE}`)).toBeUndefined();
    expect(matcher.match(`/v1/items/${HOLE}`)?.template).toBe('/v1/items/{id}');
  });

  it('finds parameter templates when the keyed segment is a hole or unknown literal', () => {
    expect(matcher.match(`/v1/${HOLE}/list`)?.template).toBe('/v1/{kind}/list');
    expect(matcher.match(`/v2/${HOLE}/${HOLE}`)?.template).toBe('/v2/{a}/{b}');
  });

  it('never lets a parameter take an empty segment', () => {
    expect(matcher.match('/v1/items/')).toBeUndefined();
    expect(matcher.match('/v2//y')).toBeUndefined();
  });

  it('matches nothing for other segment counts', () => {
    expect(matcher.match('/v1')).toBeUndefined();
    expect(matcher.match('/v1/items/1/2')).toBeUndefined();
  });

  it('works with an empty template list', () => {
    expect(new TemplateMatcher([]).match('/v1/items')).toBeUndefined();
  });
});
