/**
 * The demo page's script (bundled for the browser by bundle-page.ts). Each pending order is watched
 * with `phonepe-order-sync/client`'s `watchOrder`, which polls the library's order route: every poll is a
 * read, and a read of a pending order asks PhonePe, so the page is itself the "read" path.
 */
import { createOrderClient, type OrderDetails, type OrderWatch } from 'phonepe-order-sync/client';

interface OrderRow {
  id: number;
  label: string;
  amount: number;
  order_status: string;
  payment_status: string;
  transaction_id: string | null;
  received_via: string | null;
}

const client = createOrderClient({ baseUrl: '' });
const rows = new Map<number, OrderRow>();
const watches = new Map<number, OrderWatch>();
const tbody = document.querySelector<HTMLTableSectionElement>('#orders tbody')!;
const via = document.querySelector<HTMLSelectElement>('#via')!;
const log = document.querySelector<HTMLOListElement>('#log')!;

function note(text: string): void {
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()}  ${text}`;
  log.prepend(item);
  while (log.children.length > 8) log.lastElementChild!.remove();
}

function cell(text: string, className?: string): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function button(label: string, action: string, id: number): HTMLButtonElement {
  const b = document.createElement('button');
  b.textContent = label;
  b.dataset.action = action;
  b.addEventListener('click', () => void act(action, id, b));
  return b;
}

function render(row: OrderRow): void {
  rows.set(row.id, row);
  let tr = tbody.querySelector<HTMLTableRowElement>(`tr[data-order-id="${row.id}"]`);
  if (!tr) {
    tr = document.createElement('tr');
    tr.dataset.orderId = String(row.id);
    tbody.append(tr);
  }
  tr.dataset.paymentStatus = row.payment_status;
  const settled = row.payment_status === 'PENDING' ? '' : (row.received_via ?? '');
  const actions = document.createElement('td');
  actions.className = 'actions';
  if (row.payment_status === 'PENDING') {
    actions.append(button('Complete payment', 'complete', row.id), button('Fail payment', 'fail', row.id));
  } else if (row.payment_status === 'FAILED') {
    actions.append(button('Retry payment', 'retry', row.id));
  }
  tr.replaceChildren(
    cell(`#${row.id}`),
    cell(row.label),
    cell(`₹${(row.amount / 100).toFixed(2)}`),
    cell(row.order_status, `status ${row.order_status.toLowerCase()}`),
    cell(row.payment_status),
    cell(row.transaction_id ?? '-'),
    cell(settled),
    actions,
  );
}

function fromDetails(details: OrderDetails): OrderRow {
  const id = Number(details.order.id);
  const via = details.payment.additional_info.gateway_response?.received_via;
  return {
    id,
    label: rows.get(id)?.label ?? '',
    amount: details.order.amount,
    order_status: details.order.order_status,
    payment_status: details.payment.payment_status,
    transaction_id: details.payment.transaction_id,
    received_via: typeof via === 'string' ? via : null,
  };
}

function watch(id: number): void {
  if (watches.has(id)) return;
  const w = client.watchOrder(id, {
    intervalMs: 1000,
    maxIntervalMs: 3000,
    backoffFactor: 1.25,
    onUpdate: (details, { transitioned }) => {
      render(fromDetails(details));
      if (transitioned) note(`#${id} is now ${details.order.order_status} (seen by this page's read)`);
    },
    onError: (error) => note(`#${id}: ${error instanceof Error ? error.message : String(error)}`),
  });
  watches.set(id, w);
  void w.done.then(() => watches.delete(id));
}

async function loadOrders(): Promise<void> {
  const list = (await (await fetch('/demo/orders')).json()) as OrderRow[];
  for (const row of list) render(row);
  for (const row of list) if (row.payment_status === 'PENDING') watch(row.id);
}

async function post(path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(JSON.stringify(answer));
  return answer;
}

async function act(action: string, id: number, source: HTMLButtonElement): Promise<void> {
  source.disabled = true;
  try {
    if (action === 'retry') {
      const { id: retry } = await post(`/demo/orders/${id}/retry`);
      note(`#${id} failed: new pending order #${String(retry)} created`);
    } else {
      // Settling through a webhook or a sweep: this page stops reading the order first, so that the
      // path you picked is the one that settles it (loadOrders() below watches it again).
      if (via.value !== 'read') {
        const watching = watches.get(id);
        watching?.stop();
        await watching?.done;
      }
      const answer = await post(`/demo/orders/${id}/${action}`, { via: via.value });
      const verb = action === 'complete' ? 'completed' : 'failed';
      if (answer.via === 'webhook') {
        note(`PhonePe ${verb} #${id} and sent a webhook: ${JSON.stringify(answer.webhook)}`);
      } else if (answer.via === 'reconcile') {
        note(`PhonePe ${verb} #${id}; reconcile sweep: ${JSON.stringify(answer.summary)}`);
      } else {
        note(`PhonePe ${verb} #${id}; the page's next poll will read it`);
      }
    }
    await loadOrders();
  } catch (error) {
    note(`${action} #${id} refused: ${error instanceof Error ? error.message : String(error)}`);
    source.disabled = false;
  }
}

document.querySelector<HTMLButtonElement>('#reconcile')!.addEventListener('click', async () => {
  const summary = await post('/demo/reconcile');
  note(`reconcile sweep: ${JSON.stringify(summary)}`);
  await loadOrders();
});

void loadOrders().then(() => {
  document.body.dataset.ready = 'true';
});
