import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPhonePeWebhookHandler as fetchWebhookHandler } from '../../../src/adapters/fetch/index';
import {
  createOrderDetailsHttpHandler,
  createPhonePeWebhookHttpHandler,
  errorResponse,
  HTTP_STATUS_BY_CODE,
  toOrderDetailsWire,
} from '../../../src/http/index';
import { parseOrderId } from '../../../src/http/internal';
import { createPaymentSync, isInvalidOrderIdError, WebhookAuthError } from '../../../src/index';
import { verifyPhonePeWebhook } from '../../../src/phonepe/index';
import {
  buildOrderPayment,
  createFakePaymentGateway,
  createMemoryOrderRepository,
} from '../../../src/testing/index';

const paymentSync = createPaymentSync({
  repository: createMemoryOrderRepository(),
  gateway: createFakePaymentGateway(),
});

describe('parseOrderId', () => {
  it.each([
    ['', /empty/],
    ['x'.repeat(65), /longer than 64/],
    ['..', /not allowed/],
    ['.', /not allowed/],
    ['a/b', /not allowed/],
    ['a\\b', /not allowed/],
    ['a%2Fb', /not allowed/],
    ['a\u0000b', /not allowed/],
    ['１２', /not allowed/],
  ])('refuses %j', (id, message) => {
    const error = (() => {
      try {
        parseOrderId(id);
      } catch (e) {
        return e;
      }
    })();
    expect(isInvalidOrderIdError(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
  });

  it('accepts numeric, uuid-like and prefixed ids, and applies a whole-id pattern', () => {
    expect(parseOrderId('123')).toBe('123');
    expect(parseOrderId('0b8f3c1e-5a4b-4d2c-9e1f-2a3b4c5d6e7f')).toBe('0b8f3c1e-5a4b-4d2c-9e1f-2a3b4c5d6e7f');
    expect(parseOrderId('12', { idPattern: /^\d+$/g })).toBe('12');
    expect(parseOrderId('12', { idPattern: /^\d+$/g })).toBe('12'); // a global RegExp's lastIndex is reset
    expect(() => parseOrderId('12a', { idPattern: /\d+/ })).toThrow(/expected format/); // whole id, not a part
    expect(() => parseOrderId('x'.repeat(9), { maxLength: 8 })).toThrow(/longer than 8/);
  });
});

describe('toOrderDetailsWire', () => {
  it('writes last_checked as ISO-8601 UTC whatever the store returned, and keeps user keys', () => {
    const op = buildOrderPayment({
      id: 9,
      additionalInfo: { last_checked: new Date(Date.UTC(2024, 0, 1, 10, 5)), redirect_url: 'https://x' },
    });
    expect(toOrderDetailsWire({ ...op, statusUpdated: false }).payment.additional_info).toEqual({
      last_checked: '2024-01-01T10:05:00.000Z',
      redirect_url: 'https://x',
    });
  });
});

describe('error table', () => {
  it('maps the stable codes to statuses, unknown codes to 500', () => {
    expect(HTTP_STATUS_BY_CODE).toMatchObject({
      INVALID_ORDER_ID: 400,
      WEBHOOK_INVALID_PAYLOAD: 400,
      WEBHOOK_UNAUTHORIZED: 401,
      ORDER_NOT_FOUND: 404,
      PAYLOAD_TOO_LARGE: 413,
      REPOSITORY_ERROR: 503,
    });
    // A code outside ErrorCode is a type error; an untyped (JavaScript) caller still gets a 500.
    // @ts-expect-error
    expect(errorResponse('SOMETHING_NEW', 'x').status).toBe(500);
  });
});

const allow = (): boolean => true;

describe('handler options are checked at construction', () => {
  it.each([
    [{ authorize: allow }, /`paymentSync` must be the service/],
    [{ paymentSync }, /`authorize` is required and must be a function \(there is no allow-all default\)/],
    [{ paymentSync, authorize: true }, /`authorize`/],
    [{ paymentSync, authorize: allow, idPattern: '^\\d+$' }, /`idPattern` must be a RegExp/],
    [{ paymentSync, authorize: allow, logger: console.log }, /`logger`/],
  ])('order details: %o', (options, message) => {
    expect(() => createOrderDetailsHttpHandler(options as never)).toThrow(TypeError);
    expect(() => createOrderDetailsHttpHandler(options as never)).toThrow(message);
  });

  it('order details: a RangeError for an out-of-range maxLength', () => {
    expect(() => createOrderDetailsHttpHandler({ paymentSync, authorize: allow, maxLength: 0 })).toThrow(
      RangeError,
    );
  });

  it.each([
    [{ paymentSync }, /`credentials` is required/, TypeError],
    [
      { paymentSync, credentials: { username: 'u', password: '' } },
      /`credentials.password` must not be empty/,
      RangeError,
    ],
    [
      { paymentSync, credentials: { username: 'u', password: 'p' }, maxBodyBytes: -1 },
      /`maxBodyBytes`/,
      RangeError,
    ],
    [
      { paymentSync, credentials: { username: 'u', password: 'p' }, maxBodyBytes: 1.5 },
      /`maxBodyBytes`/,
      TypeError,
    ],
  ])('webhook: %o', (options, message, kind) => {
    expect(() => createPhonePeWebhookHttpHandler(options as never)).toThrow(kind);
    expect(() => createPhonePeWebhookHttpHandler(options as never)).toThrow(message);
  });

  it('never echoes the webhook password in an options error', () => {
    expect(() =>
      createPhonePeWebhookHttpHandler({
        paymentSync,
        credentials: { username: 5, password: 'hunter2' },
      } as never),
    ).toThrow(/^(?!.*hunter2)/s);
  });
});

describe('webhook handler verifier (the HTTP layer knows no gateway)', () => {
  const credentials = { username: 'u', password: 'p' };

  it('requires `verify` in the neutral factory, naming it', () => {
    expect(() => createPhonePeWebhookHttpHandler({ paymentSync, credentials } as never)).toThrow(
      /createPhonePeWebhookHandler: `verify` is required/,
    );
    expect(() =>
      createPhonePeWebhookHttpHandler({ paymentSync, credentials, verify: 'no' } as never),
    ).toThrow(/`verify`/);
  });

  it('answers with what the given verifier decides', async () => {
    const seen: unknown[] = [];
    const handle = createPhonePeWebhookHttpHandler({
      paymentSync,
      credentials,
      verify: (creds, authorization, body) => {
        seen.push([creds, authorization, body]);
        if (authorization !== 'ok') throw new WebhookAuthError('no');
        return { event: 'x.y', kind: 'other', merchantOrderId: null, state: null, status: null };
      },
    });
    const refused = await handle({
      method: 'POST',
      headers: { authorization: 'bad' },
      rawBody: '{}',
      original: 0,
    });
    expect(refused.status).toBe(401);
    const ok = await handle({ method: 'POST', headers: { authorization: 'ok' }, rawBody: '{}', original: 0 });
    expect(ok).toMatchObject({ status: 200, body: { acknowledged: true, reason: 'ignored-event' } });
    expect(seen).toEqual([
      [credentials, 'bad', '{}'],
      [credentials, 'ok', '{}'],
    ]);
  });
});

describe('adapters wire the PhonePe verifier in by default, and take another', () => {
  const credentials = { username: 'u', password: 'p' };
  const post = (authorization: string) =>
    new Request('http://x/webhooks/phonepe', { method: 'POST', headers: { authorization }, body: '{}' });

  it('fetch: PhonePe verifier by default (a wrong header is 401)', async () => {
    const handle = fetchWebhookHandler({ paymentSync, credentials });
    expect((await handle(post('nope'))).status).toBe(401);
  });

  it('fetch: a given `verify` replaces it', async () => {
    const handle = fetchWebhookHandler({
      paymentSync,
      credentials,
      verify: () => ({ event: 'x', kind: 'other', merchantOrderId: null, state: null, status: null }),
    });
    const res = await handle(post('nope'));
    expect([res.status, await res.json()]).toEqual([200, { acknowledged: true, reason: 'ignored-event' }]);
  });
});

describe('webhook handler body forms', () => {
  it('accepts `body` as bytes, text or an already-parsed object; the size limit applies to bytes and text', async () => {
    const credentials = { username: 'u', password: 'p' };
    const authorization = createHash('sha256').update('u:p').digest('hex');
    const event = {
      event: 'pg.refund.accepted',
      payload: { originalMerchantOrderId: '1', state: 'CONFIRMED' },
    };
    const text = JSON.stringify(event);
    const handle = createPhonePeWebhookHttpHandler({
      paymentSync,
      credentials,
      maxBodyBytes: text.length,
      verify: verifyPhonePeWebhook,
    });
    const headers = { authorization };
    for (const body of [text, Buffer.from(text), new TextEncoder().encode(text), event]) {
      const res = await handle({ method: 'POST', headers, body, original: null });
      expect(res).toMatchObject({ status: 200, body: { acknowledged: true, reason: 'ignored-event' } });
    }
    const big = `${text} `;
    expect((await handle({ method: 'POST', headers, body: big, original: null })).status).toBe(413);
    expect((await handle({ method: 'POST', headers, rawBody: big, original: null })).status).toBe(413);
    const unsigned = await handle({ method: 'POST', headers: {}, body: event, original: null });
    expect(unsigned.status).toBe(401);
  });
});
