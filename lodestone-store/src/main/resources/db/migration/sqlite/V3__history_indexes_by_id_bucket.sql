-- History indexes lead with the id bucket (id >> 14, 16,384 ids a bucket) after the tenant. Keyed by (user, time)
-- alone, every appended interaction landed on a random page of each index, so a commit rewrote about one page per
-- interaction per index (and the indexes outgrew the page cache). Ids increase with commits, so appends now land in
-- the newest bucket only: a small, cached part of each index that many rows of one commit share.
-- History reads seek every bucket of the tenant (see InteractionRows) and sort what they find.
DROP INDEX interactions_by_user;
DROP INDEX interactions_by_entity;
CREATE INDEX interactions_by_user ON interactions (tenant_id, (id >> 14), user_id, occurred_at DESC, id DESC);
CREATE INDEX interactions_by_entity ON interactions (tenant_id, (id >> 14), entity_id, occurred_at DESC, id DESC);
