-- A request's deadline watch (bpmn/deadline-watch.bpmn) starts when the request has been open for
-- dsr.deadlines.watch-delay (deadline.DeadlineWatchStarter), not at filing: most requests are answered within
-- minutes, and a watch whose first timer is days away would only be started and ended again. True until the watch
-- has started or the request has closed. Requests filed before this got their watch at filing: false.
alter table dsr_request add column deadline_watch_pending boolean default false not null;
alter table dsr_request alter column deadline_watch_pending set default true;
create index dsr_request_deadline_watch_pending on dsr_request (deadline_watch_pending, received_at);
