-- The audit chain's links become keyed (HMAC-SHA-256 with AUDIT_MAC_KEY, which the database never
-- holds): someone who can write to the database cannot recompute keyed links after a change.
-- Records sealed before carry version 1 (plain SHA-256); a version-1 link after a version-2 link is
-- reported as tampering by the verification, and a chain recomputed unkeyed from its first record is
-- caught by the signed checkpoints outside the database (without any, audit:verify says "NOT anchored").
alter table audit_log add column chain_version smallint;
