-- The per-address limit of public requests, counted atomically: one row per limit key (a keyed hash of the address
-- folded by EmailAddresses.limitKey), locked and updated in the transaction that files the request, so a burst
-- of parallel requests cannot pass the limit.
create table intake_limit (
    limit_key     varchar(64)              not null primary key,
    window_start  timestamp with time zone not null,
    request_count integer                  not null
);
create index ix_intake_limit_window on intake_limit (window_start);
