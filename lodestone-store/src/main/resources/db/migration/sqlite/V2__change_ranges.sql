-- An append call records one change per tenant, naming the range of interaction ids it stored
-- (kind INTERACTIONS_APPENDED: change_key = first id, last_id = last id), not one change per interaction.
ALTER TABLE changes ADD COLUMN last_id INTEGER;
