-- Paged lists read one page of rows from an index in list order, from the cursor on, however long
-- the list is (without one, every page reads and sorts the whole list).
create index tenant_page on tenant (created_at, id);
create index audit_entry_tenant_page on audit_entry (tenant_id, occurred_at, id);
