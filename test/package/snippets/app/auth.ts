// The Next.js snippet's `@/auth`: the app's session helper (e.g. Auth.js).
export declare function auth(): Promise<{ user?: { id?: string; role?: string } } | null>;
