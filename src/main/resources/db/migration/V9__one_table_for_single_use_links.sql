-- One table for every single-use link (verification module): the requester's address verification, a
-- subcontractor's acknowledgement and the confirmation of a new e-mail address were three token columns in three
-- tables, each with its own claim. Now each row says what it is for (purpose) and what it acts on (subject_id:
-- the request itself, or one subcontractor notification); request_id stays the request the link belongs to, so that
-- a request's links go with it. A link without expires_at never expires (a subcontractor's acknowledgement).
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+. Only hashes move; no link stops working.
alter table verification_token add column purpose varchar(30) default 'ADDRESS_VERIFICATION' not null;
alter table verification_token add column subject_id bigint;
update verification_token set subject_id = request_id;
alter table verification_token alter column subject_id set not null;
alter table verification_token alter column expires_at drop not null;
create index ix_verification_subject on verification_token (purpose, subject_id);

-- acknowledgement links: a confirmed one stays used; one replaced by a reminder or cleared by staff was already gone
insert into verification_token (purpose, request_id, subject_id, token_hash, created_at, expires_at, used_at)
select 'SUBCONTRACTOR_ACKNOWLEDGEMENT', request_id, id, token_hash, coalesce(reminded_at, sent_at, created_at), null,
       case when acknowledged_how = 'LINK' then acknowledged_at end
from subcontractor_notification where token_hash is not null;

-- new-address links: the decision row keeps when the address was confirmed; the link keeps its own state
insert into verification_token (purpose, request_id, subject_id, token_hash, created_at, expires_at, used_at)
select 'NEW_ADDRESS_CONFIRMATION', request_id, request_id, address_token_hash, decided_at, address_link_expires_at,
       address_confirmed_at
from rectification_decision where address_token_hash is not null;

alter table subcontractor_notification drop constraint uq_notification_token;
alter table subcontractor_notification drop column token_hash;
alter table rectification_decision drop constraint uq_rectification_address_token;
alter table rectification_decision drop column address_token_hash;
alter table rectification_decision drop column address_link_expires_at;
