-- The register's import from a CRM (CSV) and the organisation's business id (Y-tunnus) it matches organisations by.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.
alter table organisation add column business_id varchar(20);
create index ix_organisation_business_id on organisation (business_id);

-- A CSV file uploaded by staff, kept between its dry run and its application only (deleted when applied, when
-- staff discard it, after a day, and by any erasure): the file holds personal data. Only a hash of the token that
-- names it on the page is kept; file_hash (SHA-256 of the bytes) is what the audit log records.
create table contact_import_file (
    token_hash  varchar(64)  primary key,
    file_hash   varchar(64)  not null,
    content     bytea        not null,
    uploaded_by varchar(100) not null,
    created_at  timestamp with time zone not null
);
