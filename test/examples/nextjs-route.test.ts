// examples/nextjs-route: the App Router route files, called the way Next.js calls them (Web Request,
// `params` as a Promise) by the example's node:http bridge in a real process (Next.js is not installed
// here), through the same smoke scenario as the Express example.
import { describe } from 'vitest';
import { httpExampleScenario } from './support/http-example-scenario';

describe('examples/nextjs-route', { timeout: 60_000 }, () => {
  httpExampleScenario({
    file: 'examples/nextjs-route/serve-without-next.ts',
    orderPath: (id) => `/api/orders/${id}`,
    webhookPath: '/api/phonepe/webhook',
  });
});
