-- Retention reviews (Art. 5(1)(e)): a contact without activity for dsr.retention.inactive-contacts is DUE for a
-- staff review; staff KEEP it (a reason and the next review date) or erase it (the row goes with the contact).
-- One row per contact; no foreign key: the register's tables are the register module's own.
create table retention_review (
    contact_id       bigint       primary key,
    status           varchar(10)  not null,
    due_since        date         not null,
    decided_by       varchar(100),
    decided_at       timestamp with time zone,
    keep_reason      varchar(1000),
    next_review_on   date,
    constraint ck_retention_review_status check (status in ('DUE', 'KEPT'))
);
create index ix_retention_review_status on retention_review (status, due_since);
