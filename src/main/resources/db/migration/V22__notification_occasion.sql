-- GDPR Art. 19 beyond a request's own instruction: the recipients of an erasure decided at a retention review are
-- told as those of an erasure request are (the mail says why), and those told of a restriction are told again when
-- it is lifted. One request may therefore tell the same recipient twice, once per occasion.
alter table subcontractor_notification add column occasion varchar(20) default 'REQUEST' not null;
alter table subcontractor_notification add constraint ck_notification_occasion
    check (occasion in ('REQUEST', 'RETENTION_REVIEW', 'RESTRICTION_LIFTED'));
alter table subcontractor_notification drop constraint uq_notification_recipient;
alter table subcontractor_notification add constraint uq_notification_recipient
    unique (request_id, subcontractor_id, occasion);
