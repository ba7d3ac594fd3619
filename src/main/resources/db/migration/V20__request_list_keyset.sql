-- The staff's request list (/staff): pages by keyset, newest first or nearest deadline first, also with
-- 100,000 requests. The list walks these indexes from the last row shown instead of counting past skipped rows
-- (newest first: ix_request_received of V19).
create index ix_request_due on dsr_request (due_date, id);
-- a search finds the requests of the register's contacts it matched (contact_id in (...)) beside the address
create index ix_request_contact on dsr_request (contact_id);
