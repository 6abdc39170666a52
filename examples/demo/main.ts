/**
 * `npm run demo`: the whole library on one machine, nothing to install. See README.md beside this file.
 *   npm run demo                 # scenarios table, then a live page at the printed URL (Ctrl-C stops)
 *   npm run demo -- --once       # scenarios table, then exit (CI runs this)
 *   npm run demo -- --port 4000 --host 0.0.0.0 --verbose
 */
import { parseArgs } from 'node:util';
import { formatScenarioTable } from './format-scenario-table';
import { startDemo } from './start-demo';

const { values } = parseArgs({
  options: {
    once: { type: 'boolean', default: false },
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    verbose: { type: 'boolean', default: false },
  },
});
// --once serves on any free port unless told otherwise: nothing is left running to visit.
const port = Number(values.port ?? (values.once ? 0 : 3000));
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`--port must be a port number (0 for any free one), got ${JSON.stringify(values.port)}`);
  process.exit(2);
}

const demo = await startDemo({
  port,
  host: values.host,
  verbose: values.verbose,
  playground: !values.once,
}).catch((error: unknown) => {
  if ((error as { code?: unknown }).code !== 'EADDRINUSE') throw error;
  console.error(`Port ${port} on ${values.host} is in use: pass --port <number> (0 picks a free one).`);
  process.exit(1);
});

console.log(
  'phonepe-order-sync demo: Express + Kysely/SQLite + the PhonePe gateway, against a simulated PhonePe',
);
console.log(`  PhonePe simulator: ${demo.phonepeUrl}`);
if (values.verbose) console.log(`  SQLite database:   ${demo.databaseFile}`);
console.log('');
console.log(formatScenarioTable(demo.results));
console.log('');

if (values.once) {
  await demo.close();
} else {
  console.log(`Live page: ${demo.url}/   (Ctrl-C to stop)`);
  const stop = () => {
    void demo.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
