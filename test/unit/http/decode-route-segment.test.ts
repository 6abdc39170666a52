import { describe, expect, it } from 'vitest';
import { decodeRouteSegment } from '../../../src/http/index';

describe('decodeRouteSegment', () => {
  it('decodes escapes in a route segment', () => {
    expect(decodeRouteSegment('ORD%2D7')).toBe('ORD-7');
    expect(decodeRouteSegment('%E0%A4%85')).toBe('अ');
    expect(decodeRouteSegment('123')).toBe('123');
  });

  it('leaves a malformed escape as it is instead of throwing, for the id check to refuse', () => {
    expect(() => decodeURIComponent('%E0%A4%A')).toThrow(URIError);
    expect(decodeRouteSegment('%E0%A4%A')).toBe('%E0%A4%A');
    expect(decodeRouteSegment('%')).toBe('%');
  });
});
