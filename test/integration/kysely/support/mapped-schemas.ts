import { sql } from 'kysely';
import type { PartialMapping } from './seed-rows';
import type { Dialect, TestDatabase } from './test-databases';

/** An existing shop schema with uuid ids and none of the default names (and a plain `json` column on PostgreSQL). */
export const SHOP_MAPPING = {
  orders: {
    table: 'shop_order',
    id: 'uid',
    paymentStatus: 'pay_state',
    orderStatus: 'state',
    amount: 'total_paise',
    merchantOrderId: 'merchant_ref',
    createdAt: 'placed_at',
  },
  payments: {
    table: 'shop_payment',
    orderId: 'order_uid',
    paymentStatus: 'status',
    transactionId: 'txn_id',
    additionalInfo: 'meta',
    leaseOwner: 'claimed_by',
    leaseUntil: 'claimed_until_ms',
  },
} satisfies PartialMapping;

export const uuidOf = (i: number): string => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

const SHOP_DDL: Record<Dialect, string[]> = {
  postgres: [
    `create table shop_order (uid uuid primary key, pay_state text not null, state text not null,
      total_paise integer not null, merchant_ref text unique, placed_at timestamptz)`,
    `create table shop_payment (id serial primary key, order_uid uuid not null unique references shop_order (uid),
      status text not null, txn_id text, meta json not null default '{}', claimed_by text, claimed_until_ms bigint)`,
  ],
  mysql: [
    `create table shop_order (uid char(36) primary key, pay_state varchar(16) not null, state varchar(32) not null,
      total_paise int not null, merchant_ref varchar(64) unique, placed_at datetime(3) null)`,
    `create table shop_payment (id int auto_increment primary key, order_uid char(36) not null unique,
      status varchar(16) not null, txn_id varchar(64), meta json not null,
      claimed_by varchar(200) null, claimed_until_ms bigint null,
      foreign key (order_uid) references shop_order (uid))`,
  ],
  sqlite: [
    `create table shop_order (uid text primary key, pay_state text not null, state text not null,
      total_paise integer not null, merchant_ref text unique, placed_at text)`,
    `create table shop_payment (id integer primary key, order_uid text not null unique references shop_order (uid),
      status text not null, txn_id text, meta text not null default '{}', claimed_by text,
      claimed_until_ms integer)`,
  ],
};

export async function createShopSchema({ db, dialect }: TestDatabase): Promise<void> {
  for (const statement of SHOP_DDL[dialect]) await sql.raw(statement).execute(db);
}

/**
 * A Django app's tables: `orders_order` / `payments_payment`, bigint ids, no merchant order id column, and
 * no reconciler lease columns (mapped to null: the repository has no claim capability).
 */
export const DJANGO_MAPPING = {
  orders: { table: 'orders_order', merchantOrderId: null },
  payments: { table: 'payments_payment', leaseOwner: null, leaseUntil: null },
} satisfies PartialMapping;

const DJANGO_DDL: Record<Dialect, string[]> = {
  postgres: [
    `create table orders_order (id bigserial primary key, user_id integer not null, amount integer not null,
      payment_status varchar(20) not null, order_status varchar(20) not null,
      created_at timestamptz not null default now(), updated_at timestamptz not null default now())`,
    `create table payments_payment (id bigserial primary key,
      order_id bigint not null unique references orders_order (id) deferrable initially deferred,
      payment_status varchar(20) not null, transaction_id varchar(100), additional_info jsonb not null,
      created_at timestamptz not null default now())`,
    `create index payments_payment_pending_last_checked on payments_payment
      ((additional_info->>'last_checked') nulls first) where payment_status = 'PENDING'`,
  ],
  mysql: [
    `create table orders_order (id bigint auto_increment primary key, user_id int not null, amount int not null,
      payment_status varchar(20) not null, order_status varchar(20) not null,
      created_at datetime(6) not null default current_timestamp(6))`,
    `create table payments_payment (id bigint auto_increment primary key, order_id bigint not null unique,
      payment_status varchar(20) not null, transaction_id varchar(100), additional_info json not null,
      foreign key (order_id) references orders_order (id))`,
  ],
  sqlite: [
    `create table orders_order (id integer primary key autoincrement, user_id integer not null,
      amount integer not null, payment_status varchar(20) not null, order_status varchar(20) not null,
      created_at datetime not null default current_timestamp)`,
    `create table payments_payment (id integer primary key autoincrement,
      order_id bigint not null unique references orders_order (id), payment_status varchar(20) not null,
      transaction_id varchar(100), additional_info text not null)`,
  ],
};

export async function createDjangoSchema({ db, dialect }: TestDatabase): Promise<void> {
  for (const statement of DJANGO_DDL[dialect]) await sql.raw(statement).execute(db);
}
