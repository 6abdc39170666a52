import Fastify from 'fastify';
import Fastify4 from 'fastify4';
import { runHttpContract } from './http-contract';
import { fastifyInjectTarget, fastifyListenTarget } from './targets';

runHttpContract('Fastify 5 (inject)', fastifyInjectTarget(Fastify));
runHttpContract('Fastify 5 (real listener)', fastifyListenTarget(Fastify));
runHttpContract('Fastify 4 (inject)', fastifyInjectTarget(Fastify4 as unknown as typeof Fastify));
