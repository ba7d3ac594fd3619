-- Deadlines (GDPR Art. 12(3)): extension, overdue state, and what the manager's dashboard needs to stay fast
-- with a long history. due_date always holds the deadline in force; original_due_date keeps the first one.
alter table dsr_request add column original_due_date date;
alter table dsr_request add column extended_at timestamp with time zone;
alter table dsr_request add column extended_by varchar(100);
alter table dsr_request add column extension_reason varchar(1000);
-- set by the deadline-watch process at the end of the due date (or when a request is closed late)
alter table dsr_request add column overdue_since timestamp with time zone;

update dsr_request set original_due_date = due_date where original_due_date is null;

-- open requests by deadline (dashboard rows, digest, gauges)
create index ix_request_open_due on dsr_request (status, due_date, id);
-- answered requests per month (dashboard on-time figures)
create index ix_request_closed on dsr_request (status, closed_at, overdue_since);
