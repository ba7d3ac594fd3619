-- A complete access copy (Art. 15): the staff view log records why data was viewed (CJEU C-579/21: the person is
-- told the dates and purposes of the consultations, not the viewers' names), and invoice links kept after a
-- partial erasure can still be found by the address that asks, through its keyed hash (the same HMAC as the
-- newsletter suppression list), so that such a person is not told "we hold no data".
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.
alter table audit_log add column purpose varchar(30);
alter table invoice_link add column address_hash varchar(64);
create index ix_invoice_link_address on invoice_link (address_hash);
