// What @types/passport and @fastify/jwt add to the frameworks' request types.
import 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    jwtVerify(): Promise<void>;
    user: string | object | Buffer;
  }
}

declare global {
  namespace Express {
    interface User {}
    interface Request {
      user?: User;
    }
  }
}
