// The webhook username/password configured on PhonePe's dashboard. With the simulator, demo values are
// used when unset; with real PhonePe they are required.
import type { Logger } from 'phonepe-order-sync';

/** Used only when PHONEPE_WEBHOOK_USERNAME/PASSWORD are unset and the simulator stands in for PhonePe. */
export const DEMO_WEBHOOK_CREDENTIALS = {
  username: 'demo-webhook',
  password: 'demo-webhook-password',
} as const;

export function webhookCredentials(
  env: NodeJS.ProcessEnv,
  { demo, logger }: { demo: boolean; logger: Logger },
): { username: string; password: string } {
  const { PHONEPE_WEBHOOK_USERNAME: username, PHONEPE_WEBHOOK_PASSWORD: password } = env;
  if (username && password) return { username, password };
  if (!demo) throw new Error('Set PHONEPE_WEBHOOK_USERNAME and PHONEPE_WEBHOOK_PASSWORD (PhonePe dashboard)');
  logger.warn(
    { event: 'webhook-credentials', username: DEMO_WEBHOOK_CREDENTIALS.username },
    'PHONEPE_WEBHOOK_USERNAME/PASSWORD unset: webhooks are checked against the demo credentials',
  );
  return { ...DEMO_WEBHOOK_CREDENTIALS };
}
