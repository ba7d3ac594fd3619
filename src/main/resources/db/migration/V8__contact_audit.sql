-- Reads of the contact register (the staff register view) are audited per contact: who looked at whose data.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.
-- No foreign key on purpose: an erasure deletes the contact, but its audit rows must stay, keeping only the number.
-- A search row has no contact (it touches many) and never holds the search term: only the number of results.
alter table audit_log add column contact_id bigint;
create index ix_audit_contact on audit_log (contact_id, occurred_at);
