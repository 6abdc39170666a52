-- phonepe-order-sync: the default schema on SQLite, as `migrateOrderSyncSchema(db)` creates it.
-- For your own migration tool. Idempotent (IF NOT EXISTS). A test keeps this file in step with the
-- migration: both are applied to fresh databases and their catalogs compared.
-- Foreign keys are enforced only with `PRAGMA foreign_keys = ON` on each connection.
--
-- One payment row per order (`order_id` unique): the repository reads the pair with an inner join, so an
-- order without its payment row is invisible. `additional_info` is a JSON object the library merges into.
-- `reconcile_lease_owner`/`reconcile_lease_until` hold the reconciler's lease (several workers).

create table if not exists orders (
  id integer primary key,
  payment_status text not null default 'PENDING' check (payment_status in ('PENDING', 'COMPLETED', 'FAILED')),
  order_status text not null default 'PLACED',
  amount integer not null check (amount >= 0), -- minor units (paise)
  merchant_order_id text unique, -- the id PhonePe knows the order by; NULL means String(id)
  created_at text not null default (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

create table if not exists payments (
  id integer primary key,
  order_id integer not null unique references orders (id) on delete cascade,
  payment_status text not null default 'PENDING' check (payment_status in ('PENDING', 'COMPLETED', 'FAILED')),
  transaction_id text,
  additional_info text not null default '{}' check (json_valid(additional_info)),
  reconcile_lease_owner text,
  reconcile_lease_until integer -- epoch milliseconds
);

-- The reconciler's pending list, least recently checked first then by order id (its keyset cursor).
-- It replaces the first release's payments_pending_last_checked_idx.
create index if not exists payments_pending_check_order_idx
  on payments (json_extract(additional_info, '$.last_checked'), order_id) where payment_status = 'PENDING';
drop index if exists payments_pending_last_checked_idx;
