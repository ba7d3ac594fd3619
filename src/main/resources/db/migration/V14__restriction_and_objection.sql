-- Restriction of processing (GDPR Art. 18) and objection (Art. 21) as request types of their own.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.

alter table dsr_request drop constraint ck_request_type;
alter table dsr_request add constraint ck_request_type
    check (type in ('ACCESS', 'RECTIFICATION', 'UNSUBSCRIBE', 'DELETION', 'RESTRICTION', 'OBJECTION'));

-- What an objection is to, as the person chose it: direct marketing (ends at once, Art. 21(2)-(3)) or processing
-- on legitimate interests (staff weigh it, Art. 21(1)). Null for the other types.
alter table dsr_request add column objection_to varchar(20);
alter table dsr_request add constraint ck_request_objection_to
    check (objection_to in ('DIRECT_MARKETING', 'LEGITIMATE_INTERESTS'));

-- A restricted contact is kept but used for nothing else (no newsletter, no staff page but its request's own):
-- the restriction request that restricted it, until the restriction is lifted.
alter table contact add column restricted_by_request_id bigint;

-- Staff's decision on a restriction request (Art. 18(1) a-d) and, later, its lifting (Art. 18(3)).
create table restriction_decision (
    request_id         bigint        primary key references dsr_request (id) on delete cascade,
    contact_id         bigint,
    ground             varchar(30)   not null,
    granted            boolean       not null,
    reasons            varchar(2000),
    decided_by         varchar(100)  not null,
    decided_at         timestamp with time zone not null,
    restricted_at      timestamp with time zone,
    lift_reasons       varchar(2000),
    lift_decided_by    varchar(100),
    lift_decided_at    timestamp with time zone,
    lifted_at          timestamp with time zone,
    constraint ck_restriction_ground check (ground in ('ACCURACY_CONTESTED', 'UNLAWFUL_PROCESSING', 'LEGAL_CLAIMS',
        'OBJECTION_PENDING', 'NONE'))
);

-- Staff's decision on an objection to processing on legitimate interests (Art. 21(1)).
create table objection_decision (
    request_id         bigint        primary key references dsr_request (id) on delete cascade,
    compelling_grounds boolean       not null,
    reasons            varchar(2000) not null,
    decided_by         varchar(100)  not null,
    decided_at         timestamp with time zone not null
);
