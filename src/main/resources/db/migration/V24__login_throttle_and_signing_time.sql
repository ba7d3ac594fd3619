-- Failed logins counted for the whole cluster (security.LoginThrottle), instead of in each node's memory: one row per
-- account or client address, keyed by a keyed hash (HMAC-SHA256 with the suppression secret) so that the table holds
-- no user name and no address. Counted by single-row updates, so parallel failures on several nodes all count and
-- only one of them locks; rows idle for longer than the window and the lock are deleted every minute.
create table login_throttle (
    throttle_key varchar(72)              not null primary key,
    window_start timestamp with time zone not null,
    failures     integer                  not null,
    locked_until timestamp with time zone,
    last_failure timestamp with time zone not null
);
create index ix_login_throttle_last_failure on login_throttle (last_failure);

-- When a digitally signed evidence file was signed, and whether that time is proven by a verified RFC 3161
-- time-stamp (true) or only claimed by the signer (false: validity was judged at the check instead), for staff's page.
alter table request_evidence add column signed_at timestamp with time zone;
alter table request_evidence add column signing_time_stamped boolean;
