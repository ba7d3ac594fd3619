-- GDPR Art. 18/19: when a restriction is lifted, a recipient that has not yet confirmed the restriction notice gets
-- the lift notice instead; the restriction notice is closed as superseded (when) and is neither reminded nor chased.
alter table subcontractor_notification add column superseded_at timestamp with time zone;
