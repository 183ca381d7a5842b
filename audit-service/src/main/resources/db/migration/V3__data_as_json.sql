-- The data snapshot becomes a json column (it was TEXT holding the same canonical JSON text), so it is read back as
-- a typed JSON value instead of a string every reader parses by hand. json and not jsonb on purpose: json keeps the
-- text exactly as written (the canonical form that was hashed, byte for byte, every digit of every number) and
-- accepts every value the TEXT column held, including \u0000 escapes, which jsonb refuses; jsonb would also
-- reorder members and rewrite number spellings. Every existing value is canonical JSON text already, so the cast
-- cannot fail, and a column type change fires no row triggers (the append-only triggers are untouched).
ALTER TABLE audit_log ALTER COLUMN data TYPE json USING data::json;
