-- Mails a person is waiting for (a single-use link) go on their own lane, ahead of letters and notices:
-- 0 = link, 1 = everything else. The dispatcher sends each lane with its own thread and SMTP connection.
alter table outbox_mail add column priority smallint default 1 not null;
create index ix_outbox_lane on outbox_mail (priority, status, next_attempt_at);
