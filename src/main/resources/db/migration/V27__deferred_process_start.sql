-- A request filed on the public form, by the API or by a one-click link is stored and answered first; its processes
-- start just after that commit, outside the requester's HTTP request (request.ProcessStarter). False until they have
-- started; a node that dies in between leaves the row to the next sweep. Requests filed before this were started
-- inside their filing transaction, as staff-registered ones still are.
alter table dsr_request add column processes_started boolean default true not null;
create index dsr_request_processes_pending on dsr_request (processes_started, id);
