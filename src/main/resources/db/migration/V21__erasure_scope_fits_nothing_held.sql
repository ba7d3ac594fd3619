-- An erasure of an address the register never held records the scope NOTHING_HELD (12 characters): it did not fit
-- in varchar(10), so such an erasure failed with a database error instead of completing.
alter table dsr_request alter column erasure_scope set data type varchar(20);
