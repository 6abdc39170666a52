// The Next.js snippets' `@/lib/payment-sync`: the README's shared `payment-sync.ts`.
export * from '../payment-sync';
