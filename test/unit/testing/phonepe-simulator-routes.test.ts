// The simulator's route table: one route per endpoint, matched by method and the end of the path, so a
// new endpoint (refunds) is one route file and one line in the table.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createPhonePeSimulator, type SimulatorEndpoint } from '../../../src/testing/index';
import { matchRoute, ROUTES } from '../../../src/testing/phonepe-simulator/routes';

const BASES = ['', '/apis/pg', '/apis/pg-sandbox', '/apis/identity-manager', '/any/prefix'];
const SAMPLES: Record<SimulatorEndpoint, { method: string; path: string; params: string[] }> = {
  token: { method: 'POST', path: '/v1/oauth/token', params: [] },
  status: { method: 'GET', path: '/checkout/v2/order/A%2FB/status', params: ['A%2FB'] },
  'v1-status': { method: 'GET', path: '/pg/v1/status/MUAT/T%201', params: ['MUAT', 'T%201'] },
  pay: { method: 'POST', path: '/checkout/v2/pay', params: [] },
};

describe('the simulator route table', () => {
  it('has one route per SimulatorEndpoint, keyed by its endpoint', () => {
    expectTypeOf<keyof typeof ROUTES>().toEqualTypeOf<SimulatorEndpoint>();
    for (const [key, route] of Object.entries(ROUTES)) expect(route.endpoint).toBe(key);
  });

  it('counts every route, in the table order', () => {
    expect(Object.keys(createPhonePeSimulator().counts)).toEqual(Object.keys(ROUTES));
  });

  it('matches each endpoint under any base URL, by method and path suffix, with the raw path groups', () => {
    for (const [endpoint, sample] of Object.entries(SAMPLES)) {
      for (const base of BASES) {
        const matched = matchRoute(sample.method, base + sample.path);
        expect(matched?.route.endpoint, `${sample.method} ${base}${sample.path}`).toBe(endpoint);
        expect(matched?.params).toEqual(sample.params);
        const other = sample.method === 'GET' ? 'POST' : 'GET';
        expect(matchRoute(other, base + sample.path), `${other} ${base}${sample.path}`).toBeUndefined();
      }
    }
  });

  it('matches nothing that only starts like an endpoint or has extra segments', () => {
    for (const [method, path] of [
      ['POST', '/v1/oauth/token/extra'],
      ['GET', '/checkout/v2/order/A/status/x'],
      ['GET', '/checkout/v2/order/status'],
      ['GET', '/pg/v1/status/ONLY-ONE'],
      ['GET', '/pg/v1/status/M/T/extra'],
      ['POST', '/checkout/v2/pay/'],
      ['DELETE', '/checkout/v2/pay'],
    ] as const) {
      expect(matchRoute(method, path), `${method} ${path}`).toBeUndefined();
    }
  });

  it('declares what PhonePe maps each endpoint by: Content-Type and the O-Bearer scheme', () => {
    expect(
      Object.values(ROUTES).map((route) => [route.endpoint, route.contentType ?? null, route.auth]),
    ).toEqual([
      ['token', 'application/x-www-form-urlencoded', 'none'],
      ['status', 'application/json', 'o-bearer'],
      ['v1-status', null, 'none'],
      ['pay', 'application/json', 'o-bearer'],
    ]);
  });
});
