import type { OrderPayment, PaymentSync } from '../../../src/index';

/** What every adapter under test is built with. */
export interface TargetSetup {
  paymentSync: PaymentSync;
  /** Decides from the `x-user` header (each adapter reads it from its own request object). */
  authorize: (user: string | undefined, orderPayment: OrderPayment) => boolean | Promise<boolean>;
  credentials: { username: string; password: string };
  idPattern: RegExp;
  logger?: import('../../../src/index').Logger;
  /** Passed to the webhook handler; absent means the default (`true`). */
  confirmWithGateway?: boolean;
}

export interface TargetResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  json(): unknown;
}

export interface RequestInit {
  headers?: Record<string, string>;
  body?: string;
}

/**
 * One adapter wired into one app, serving:
 * GET /api/common/orders/:id/, POST /api/common/orders/:id/sync (admins: x-user admin),
 * POST /webhooks/phonepe, and POST /echo (the app's own JSON parsing, which must keep working).
 */
export interface HttpTarget {
  request(method: string, path: string, init?: RequestInit): Promise<TargetResponse>;
  close(): Promise<void>;
}

export type CreateTarget = (setup: TargetSetup) => Promise<HttpTarget>;

export function targetResponse(
  status: number,
  headers: Record<string, string>,
  text: string,
): TargetResponse {
  return { status, headers, text, json: () => JSON.parse(text) };
}

/** A target reached over a real loopback socket. */
export function overHttp(baseUrl: string, close: () => Promise<void>): HttpTarget {
  return {
    async request(method, path, init = {}) {
      const res = await fetch(baseUrl + path, { method, headers: init.headers, body: init.body });
      const headers: Record<string, string> = {};
      res.headers.forEach((v, k) => {
        headers[k] = v;
      });
      return targetResponse(res.status, headers, await res.text());
    },
    close,
  };
}

export const isAdmin = (user: string | undefined) => user === 'admin';
