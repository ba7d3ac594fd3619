-- What a digital signature on evidence proves (fi.kivaq.dsr.request.SignatureVerdict). VALID now means: intact over
-- the whole file, chained to the configured trust store, valid and not revoked at signing, and naming the person the
-- register holds for the address. Every other signed state sends the request to staff, whose page says why.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.
alter table request_evidence drop constraint ck_evidence_signature;
alter table request_evidence alter column signature_state set data type varchar(20);
alter table request_evidence add constraint ck_evidence_signature check (signature_state in
    ('NONE', 'VALID', 'PARTIAL', 'UNTRUSTED', 'EXPIRED', 'REVOKED', 'NAME_MISMATCH', 'NOT_IN_REGISTER'));
