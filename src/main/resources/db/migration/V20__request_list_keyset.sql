-- The staff's request list (/staff): pages by keyset, newest first or nearest deadline first, also with
-- 100,000 requests. The list walks these indexes from the last row shown instead of counting past skipped rows.
create index ix_request_received on dsr_request (received_at desc, id desc);
create index ix_request_due on dsr_request (due_date, id);
-- a search finds the requests of the register's contacts it matched (contact_id in (...)) beside the address
create index ix_request_contact on dsr_request (contact_id);
