-- A redelivered event is recorded once, but "the same event" is (source, id) *per tenant*: a chatbot's
-- proposal.submitted uses the proposal id as its CloudEvent id, and proposal ids are unique only within a
-- tenant, so two tenants' chatbots that share a source name may legitimately send the same (source, id).
-- V1's UNIQUE (source, event_id) silently dropped the second tenant's event; this replaces it with a unique
-- index that includes the tenant (absent tenant = '', so tenant-less events still dedupe among themselves).
-- The topic is deliberately not part of the key: an event's identity is its source and id (CloudEvents), and
-- the same event read again from another topic (a replay, a mirror) must still be recorded only once.
-- Existing rows satisfy the new, weaker constraint, so this needs no data change (and the append-only
-- triggers are row triggers on UPDATE/DELETE, which DDL does not fire).
ALTER TABLE audit_log DROP CONSTRAINT audit_log_event_once;
CREATE UNIQUE INDEX audit_log_event_once ON audit_log (source, event_id, (coalesce(tenant, '')));
