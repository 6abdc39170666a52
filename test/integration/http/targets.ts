import { once } from 'node:events';
import type { AddressInfo, Server } from 'node:net';
import type express from 'express';
import type Fastify from 'fastify';
import type { FastifyRequest } from 'fastify';
import { Hono } from 'hono';
import * as expressAdapter from '../../../src/adapters/express/index';
import { phonePeOrderSync } from '../../../src/adapters/fastify/index';
import * as fetchAdapter from '../../../src/adapters/fetch/index';
import {
  type CreateTarget,
  type HttpTarget,
  isAdmin,
  overHttp,
  type TargetSetup,
  targetResponse,
} from './http-target';

async function listen(server: Server): Promise<string> {
  if (!server.listening) await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function closer(server: Server) {
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      (server as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
    });
}

/** A real Express server (4 or 5): webhook first, then the app's JSON parser, then the order routes. */
export function expressTarget(createApp: typeof express): CreateTarget {
  return async (setup) => {
    const { paymentSync, credentials, idPattern, logger, confirmWithGateway } = setup;
    const app = createApp();
    app.post(
      '/webhooks/phonepe',
      expressAdapter.createPhonePeWebhookHandler({ paymentSync, credentials, logger, confirmWithGateway }),
    );
    app.use(createApp.json());
    app.get(
      '/api/common/orders/:id/',
      expressAdapter.createOrderDetailsHandler({
        paymentSync,
        idPattern,
        logger,
        authorize: (req, op) => setup.authorize(req.get('x-user'), op),
      }),
    );
    app.post(
      '/api/common/orders/:id/sync',
      expressAdapter.createOrderSyncHandler({
        paymentSync,
        idPattern,
        logger,
        authorize: (req) => isAdmin(req.get('x-user')),
      }),
    );
    app.post('/echo', (req, res) => {
      res.json(req.body);
    });
    const server = app.listen(0, '127.0.0.1') as unknown as Server;
    return overHttp(await listen(server), closer(server));
  };
}

const user = (req: FastifyRequest) => {
  const value = req.headers['x-user'];
  return typeof value === 'string' ? value : undefined;
};

async function fastifyApp(createApp: typeof Fastify, setup: TargetSetup) {
  const app = createApp();
  await app.register(phonePeOrderSync, {
    paymentSync: setup.paymentSync,
    credentials: setup.credentials,
    confirmWithGateway: setup.confirmWithGateway,
    idPattern: setup.idPattern,
    logger: setup.logger,
    authorize: (req, op) => setup.authorize(user(req), op),
    syncRoute: '/api/common/orders/:id/sync',
    authorizeSync: (req) => isAdmin(user(req)),
  });
  app.post('/echo', async (req) => req.body);
  await app.ready();
  return app;
}

/** Fastify through `inject` (no socket). */
export function fastifyInjectTarget(createApp: typeof Fastify): CreateTarget {
  return async (setup) => {
    const app = await fastifyApp(createApp, setup);
    return {
      async request(method, path, init = {}) {
        const res = await app.inject({
          method: method as 'GET',
          url: path,
          headers: init.headers,
          payload: init.body === undefined ? undefined : Buffer.from(init.body),
        });
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) headers[k] = String(v);
        return targetResponse(res.statusCode, headers, res.body);
      },
      close: () => app.close(),
    };
  };
}

/** Fastify on a real loopback listener. */
export function fastifyListenTarget(createApp: typeof Fastify): CreateTarget {
  return async (setup) => {
    const app = await fastifyApp(createApp, setup);
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    return overHttp(url, () => app.close());
  };
}

function fetchHandlers(setup: TargetSetup) {
  const { paymentSync, credentials, idPattern, logger, confirmWithGateway } = setup;
  return {
    details: fetchAdapter.createOrderDetailsHandler({
      paymentSync,
      idPattern,
      logger,
      authorize: (req, op) => setup.authorize(req.headers.get('x-user') ?? undefined, op),
    }),
    recheck: fetchAdapter.createOrderSyncHandler({
      paymentSync,
      idPattern,
      logger,
      authorize: (req) => isAdmin(req.headers.get('x-user') ?? undefined),
    }),
    webhook: fetchAdapter.createPhonePeWebhookHandler({
      paymentSync,
      credentials,
      logger,
      confirmWithGateway,
    }),
  };
}

async function fromResponse(res: Response) {
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    headers[k] = v;
  });
  return targetResponse(res.status, headers, await res.text());
}

/**
 * The fetch handlers as a Next.js app would call them: GET relies on the default id (last path
 * segment), the re-check route gets Next 15's `params` Promise.
 */
export const fetchTarget: CreateTarget = async (setup) => {
  const { details, recheck, webhook } = fetchHandlers(setup);
  const target: HttpTarget = {
    async request(method, path, init = {}) {
      const request = new Request(`http://shop.test${path}`, {
        method,
        headers: init.headers,
        body: init.body,
      });
      const sync = /^\/api\/common\/orders\/([^/]+)\/sync$/.exec(path);
      let res: Response;
      if (method === 'GET' && /^\/api\/common\/orders\/[^/]+\/$/.test(path)) res = await details(request);
      else if (method === 'POST' && sync) {
        res = await recheck(request, { params: Promise.resolve({ id: decodeURIComponent(sync[1]!) }) });
      } else if (method === 'POST' && path === '/webhooks/phonepe') res = await webhook(request);
      else if (method === 'POST' && path === '/echo') res = Response.json(await request.json());
      else res = new Response('no route', { status: 404 });
      return fromResponse(res);
    },
    close: async () => {},
  };
  return target;
};

/** The fetch handlers mounted in Hono, with Hono's router supplying the id. */
export const honoTarget: CreateTarget = async (setup) => {
  const { details, recheck, webhook } = fetchHandlers(setup);
  const app = new Hono();
  app.get('/api/common/orders/:id/', (c) => details(c.req.raw, { params: { id: c.req.param('id') } }));
  app.post('/api/common/orders/:id/sync', (c) => recheck(c.req.raw, { params: { id: c.req.param('id') } }));
  app.post('/webhooks/phonepe', (c) => webhook(c.req.raw));
  app.post('/echo', async (c) => c.json(await c.req.json()));
  return {
    request: async (method, path, init = {}) =>
      fromResponse(await app.request(path, { method, headers: init.headers, body: init.body })),
    close: async () => {},
  };
};
