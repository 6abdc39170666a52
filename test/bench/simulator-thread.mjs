// The PhonePe simulator served from its own worker thread, so the process under measurement does not also
// pay for PhonePe's side of every request (in production PhonePe runs elsewhere). Plain JS: workers do not
// inherit tsx's loader in every Node version. workerData: { orders, latencyMs }; posts { url } when
// listening; 'close' stops it.
import { parentPort, workerData } from 'node:worker_threads';
import { createPhonePeSimulator, servePhonePeSimulator } from '../../dist/testing.js';

const { orders, latencyMs } = workerData;
const simulator = createPhonePeSimulator();
for (let id = 1; id <= orders; id++) {
  simulator.createOrder(String(id), id % 2 ? { amount: 1000, state: 'COMPLETED' } : { amount: 1000 });
}
simulator.inject({ type: 'latency', ms: latencyMs }, { endpoint: 'status', times: 10 * orders });
const served = await servePhonePeSimulator(simulator);
parentPort.on('message', async (message) => {
  if (message !== 'close') return;
  await served.close();
  parentPort.close();
});
parentPort.postMessage({ url: served.url });
