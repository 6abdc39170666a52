import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import {
  createPhonePeSimulator,
  type PhonePeSimulator,
  type PhonePeSimulatorOptions,
  phonePeHandlers,
} from '../../src/testing/index';

/** A fake PhonePe base URL answered by msw. */
export const PHONEPE_TEST_URL = 'https://phonepe.test/apis/pg';

/**
 * Registers an msw server per test file and a fresh simulator per test (reached at
 * {@link PHONEPE_TEST_URL} and at PhonePe's real hosts). Localhost stays unintercepted.
 */
export function usePhonePeMsw(options: () => PhonePeSimulatorOptions = () => ({})) {
  const server = setupServer();
  const context = { simulator: createPhonePeSimulator(), server };
  beforeAll(() =>
    server.listen({
      onUnhandledRequest: (request, print) => {
        if (!/^https?:\/\/(127\.0\.0\.1|localhost)/.test(request.url)) print.error();
      },
    }),
  );
  beforeEach(async () => {
    context.simulator = createPhonePeSimulator(options());
    server.use(
      ...(await phonePeHandlers(context.simulator, {
        baseUrl: [PHONEPE_TEST_URL, 'https://api-preprod.phonepe.com', 'https://api.phonepe.com'],
      })),
    );
  });
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return context as { readonly simulator: PhonePeSimulator; readonly server: typeof server };
}
