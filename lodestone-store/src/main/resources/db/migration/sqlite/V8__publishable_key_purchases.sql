-- A publishable key may record purchases and orders from shoppers' browsers only when the tenant opted in for it.
-- (V7 is the dashboard's evaluation runs.)
ALTER TABLE api_keys ADD COLUMN allow_purchases INTEGER NOT NULL DEFAULT 0;
