-- phonepe-order-sync: the default schema on MariaDB 10.6+ / MySQL 8, as `migrateOrderSyncSchema(db)`
-- creates it. For your own migration tool. Idempotent (IF NOT EXISTS). A test keeps this file in step with
-- the migration: both are applied to fresh databases and their catalogs compared.
--
-- One payment row per order (`order_id` unique): the repository reads the pair with an inner join, so an
-- order without its payment row is invisible. `additional_info` is a JSON object the library merges into.
-- `reconcile_lease_owner`/`reconcile_lease_until` hold the reconciler's lease (several workers).

create table if not exists orders (
  id bigint not null auto_increment primary key,
  payment_status varchar(16) not null default 'PENDING' check (payment_status in ('PENDING', 'COMPLETED', 'FAILED')),
  order_status varchar(64) not null default 'PLACED',
  amount bigint not null check (amount >= 0), -- minor units (paise)
  merchant_order_id varchar(255) null, -- the id PhonePe knows the order by; NULL means String(id)
  created_at datetime(3) not null default current_timestamp(3),
  unique key orders_merchant_order_id_key (merchant_order_id)
) engine = InnoDB;

-- A JSON expression cannot be indexed here: the pending list is served by the status index.
create table if not exists payments (
  id bigint not null auto_increment primary key,
  order_id bigint not null,
  payment_status varchar(16) not null default 'PENDING' check (payment_status in ('PENDING', 'COMPLETED', 'FAILED')),
  transaction_id varchar(255) null,
  additional_info json not null default (json_object()),
  reconcile_lease_owner varchar(200) null,
  reconcile_lease_until bigint null, -- epoch milliseconds
  unique key payments_order_id_key (order_id),
  key payments_payment_status_idx (payment_status),
  constraint payments_order_id_fkey foreign key (order_id) references orders (id) on delete cascade
) engine = InnoDB;
