-- A consent withdrawn by a data-subject request (the form, the API, a one-click link, staff) names that request, so
-- the consent history shows what stopped the newsletter even while the request is still unverified. Only the id:
-- dsr_request belongs to the request module, hence no foreign key; null for consents given or changed otherwise.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 13+.
alter table newsletter_consent_event add column request_id bigint;
