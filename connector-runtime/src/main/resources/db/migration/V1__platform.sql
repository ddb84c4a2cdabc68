-- Portable SQL: runs unchanged on H2 and PostgreSQL.
-- Secret values are stored as AES-256-GCM ciphertext with the id of the key that sealed them and
-- the nonce used, never in plain text; a row holds either plain_value or the three sealed columns.

create table tenant (
  id varchar(36) primary key,
  name varchar(200) not null,
  created_at timestamp with time zone not null,
  constraint tenant_name_unique unique (name)
);

-- tenant_id is null for operator keys. Only the SHA-256 of a key is kept.
create table api_key (
  id varchar(32) primary key,
  tenant_id varchar(36) references tenant (id),
  key_hash varchar(64) not null,
  created_at timestamp with time zone not null,
  revoked_at timestamp with time zone
);
create index api_key_tenant on api_key (tenant_id);

create table connector_default (
  connector_id varchar(64) not null,
  field_key varchar(64) not null,
  plain_value varchar(4000),
  key_id varchar(16),
  nonce bytea,
  ciphertext bytea,
  primary key (connector_id, field_key)
);

create table connection (
  id varchar(36) primary key,
  tenant_id varchar(36) not null references tenant (id),
  connector_id varchar(64) not null,
  name varchar(200) not null,
  description varchar(2000),
  status varchar(32) not null,
  status_reason varchar(1000),
  webhook_key varchar(64) not null,
  version bigint not null,
  created_at timestamp with time zone not null,
  updated_at timestamp with time zone not null,
  constraint connection_webhook_key_unique unique (webhook_key)
);
-- Lists are paged in (created_at, id) order within a tenant.
create index connection_tenant_page on connection (tenant_id, created_at, id);

create table setup_value (
  connection_id varchar(36) not null references connection (id),
  field_key varchar(64) not null,
  plain_value varchar(4000),
  key_id varchar(16),
  nonce bytea,
  ciphertext bytea,
  primary key (connection_id, field_key)
);

-- The credentials an authorization grants, sealed as one value per connection.
create table credential (
  connection_id varchar(36) primary key references connection (id),
  key_id varchar(16) not null,
  nonce bytea not null,
  ciphertext bytea not null,
  created_at timestamp with time zone not null
);

-- Who changed what. Never holds a secret value: details name fields, not their values.
create table audit_entry (
  id varchar(36) primary key,
  occurred_at timestamp with time zone not null,
  actor varchar(100) not null,
  tenant_id varchar(36),
  action varchar(64) not null,
  target varchar(200) not null,
  detail varchar(2000)
);
create index audit_entry_page on audit_entry (occurred_at, id);
