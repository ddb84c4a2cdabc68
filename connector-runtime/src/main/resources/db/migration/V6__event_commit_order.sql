-- One row that every transaction storing webhook events locks (select ... for update) before its
-- first insert and holds until it ends: the group-committed batches and the shared-app deliveries,
-- on every server instance. Event ids are then taken in the order the transactions commit, so a
-- reader paging with ?after= never sees an id while a smaller one is still to commit (and would
-- never see that one). Without it, two instances, or a batch and a shared-app delivery, could
-- commit ids out of order.
create table event_commit_order (id integer primary key);
insert into event_commit_order (id) values (1);
