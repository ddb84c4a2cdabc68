-- Portable SQL: runs unchanged on H2 and PostgreSQL.

-- End-customer setup links: a single-use, expiring page for one connection. Only the SHA-256 of a
-- link's token is kept; the token itself is the only credential of whoever opens the link. A link
-- is used (used_at) when the flow it exists for completes.
create table setup_link (
  token_hash varchar(64) primary key,
  tenant_id varchar(36) not null,
  connection_id varchar(36) not null references connection (id),
  created_at timestamp with time zone not null,
  expires_at timestamp with time zone not null,
  used_at timestamp with time zone
);
create index setup_link_connection on setup_link (connection_id);
create index setup_link_expiry on setup_link (expires_at);

-- An OAuth 2 state started from a setup link names that link (by its hash), so that the callback
-- sends the browser back to the setup page and marks the link used.
alter table oauth_state add column setup_link_hash varchar(64);
