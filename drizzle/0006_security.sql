CREATE TABLE "attempt_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"window_ends_at" timestamp with time zone NOT NULL,
	"blocked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "attempt_limits_window" ON "attempt_limits" USING btree ("window_ends_at");--> statement-breakpoint
-- Hand-written: the audit log stays append-only, except for the one change erasure makes
-- (src/server/privacy/erase.ts): replacing an erased person's id by a pseudonym. The erasing
-- transaction names the id and the pseudonym in a setting local to it; an UPDATE passes only
-- when the new row is exactly the old one with that id replaced.
CREATE OR REPLACE FUNCTION "audit_log_is_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  announced text := current_setting('brugerstemme.audit_pseudonymise', true);
  from_id text;
  to_id text;
BEGIN
  IF TG_OP = 'UPDATE' AND announced IS NOT NULL AND announced <> '' THEN
    from_id := split_part(announced, ' ', 1);
    to_id := split_part(announced, ' ', 2);
    IF length(from_id) = 36 AND length(to_id) = 36 AND NEW.id = OLD.id AND NEW.at = OLD.at
       AND NEW.action = OLD.action AND NEW.target_type = OLD.target_type
       AND replace(row_to_json(OLD)::text, from_id, to_id) = row_to_json(NEW)::text THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
