/**
 * Stand-ins for third-party packages the snippets use that this repository does not install. They
 * declare only what the snippets touch, with the packages' own shapes (passport with @types/passport,
 * @fastify/jwt's request decorations).
 */
declare module 'passport' {
  const passport: {
    authenticate(strategy: string, options?: { session?: boolean }): import('express').RequestHandler;
  };
  export default passport;
}

declare module '@fastify/jwt' {
  const fastifyJwt: import('fastify').FastifyPluginAsync<{ secret: string }>;
  export default fastifyJwt;
}
