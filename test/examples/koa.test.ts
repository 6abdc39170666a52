import { describe } from 'vitest';
import { httpExampleScenario } from './support/http-example-scenario';
describe('examples/koa', { timeout: 60_000 }, () => {
  httpExampleScenario({
    file: 'examples/koa/server.ts',
    orderPath: (id) => `/api/common/orders/${id}/`,
    webhookPath: '/webhooks/phonepe',
  });
});
