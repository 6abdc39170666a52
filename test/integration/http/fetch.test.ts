import { runHttpContract } from './http-contract';
import { fetchTarget, honoTarget } from './targets';

runHttpContract('fetch handlers (Next.js style)', fetchTarget);
runHttpContract('fetch handlers in Hono', honoTarget);
