// examples/fastify as a real process, through the same smoke scenario as the Express example.
import { describe } from 'vitest';
import { httpExampleScenario } from './support/http-example-scenario';

describe('examples/fastify', { timeout: 60_000 }, () => {
  httpExampleScenario({
    file: 'examples/fastify/server.ts',
    orderPath: (id) => `/api/common/orders/${id}/`,
    webhookPath: '/webhooks/phonepe',
  });
});
