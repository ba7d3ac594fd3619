-- Issue 11: an upheld objection (GDPR Art. 21(1)) stops the processing it names, by itself.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.

-- objection: what staff found the objection is to, among the uses the system can stop (ObjectedUse), as a
-- comma-separated list of codes; empty for a decision that met compelling grounds.
alter table objection_decision add column stopped_uses varchar(200);

-- register: a use of the contact's data that an upheld objection stopped, and the objection that stopped it. Every
-- place doing that processing skips the contact (register.ObjectedUse).
create table contact_objection (
    contact_id  bigint      not null references contact (id) on delete cascade,
    objected_use varchar(30) not null,
    request_id  bigint      not null,
    upheld_at   timestamp with time zone not null,
    constraint pk_contact_objection primary key (contact_id, objected_use),
    constraint ck_contact_objection_use check (objected_use in ('CUSTOMER_RELATIONSHIP', 'REGISTER_EXPORT'))
);
