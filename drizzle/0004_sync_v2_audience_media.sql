CREATE TABLE "media" (
	"sha256" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"bytes" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "media_refs" (
	"entity" text NOT NULL,
	"record_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	CONSTRAINT "media_refs_entity_record_id_sha256_pk" PRIMARY KEY("entity","record_id","sha256")
);
--> statement-breakpoint
ALTER TABLE "sync_conflicts" ADD COLUMN "author_id" uuid;--> statement-breakpoint
ALTER TABLE "sync_mutations" ADD COLUMN "author_id" uuid;--> statement-breakpoint
ALTER TABLE "sync_records" ADD COLUMN "audience" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_records" ADD COLUMN "ever_audience" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
CREATE INDEX "media_refs_sha256" ON "media_refs" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "sync_mutations_created_at" ON "sync_mutations" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "sync_mutations_author" ON "sync_mutations" USING btree ("author_id");--> statement-breakpoint
-- Data: an agenda item's visibility follows its meeting now, so its own copy of the flag goes.
UPDATE "sync_records" SET "data" = "data" - 'published', "field_versions" = "field_versions" - 'published' WHERE "entity" = 'agenda-item' AND "data" IS NOT NULL;--> statement-breakpoint
-- Data: photos and recordings move out of records into media, named by the SHA-256 of their bytes.
CREATE TEMP TABLE "legacy_media" AS
  SELECT r."entity", r."id", f."field", r."data" ->> f."field" AS "url"
  FROM "sync_records" r, (VALUES ('photo'), ('audio'), ('placePhoto')) AS f("field")
  WHERE r."data" IS NOT NULL AND jsonb_typeof(r."data" -> f."field") = 'string' AND (r."data" ->> f."field") LIKE 'data:%;base64,%';--> statement-breakpoint
ALTER TABLE "legacy_media" ADD COLUMN "type" text, ADD COLUMN "bytes" bytea, ADD COLUMN "sha256" text;--> statement-breakpoint
UPDATE "legacy_media" SET "type" = lower(split_part(split_part(substring("url" from 6), ',', 1), ';', 1)), "bytes" = decode(split_part("url", ',', 2), 'base64');--> statement-breakpoint
UPDATE "legacy_media" SET "sha256" = encode(sha256("bytes"), 'hex');--> statement-breakpoint
INSERT INTO "media" ("sha256", "type", "bytes", "data") SELECT DISTINCT ON ("sha256") "sha256", "type", length("bytes"), "bytes" FROM "legacy_media" ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "media_refs" ("entity", "record_id", "sha256") SELECT DISTINCT "entity", "id", "sha256" FROM "legacy_media" ON CONFLICT DO NOTHING;--> statement-breakpoint
UPDATE "sync_records" r SET "data" = jsonb_set(r."data", '{photo}', jsonb_build_object('sha256', m."sha256", 'type', m."type", 'bytes', length(m."bytes"))) FROM "legacy_media" m WHERE m."field" = 'photo' AND r."entity" = m."entity" AND r."id" = m."id";--> statement-breakpoint
UPDATE "sync_records" r SET "data" = jsonb_set(r."data", '{audio}', jsonb_build_object('sha256', m."sha256", 'type', m."type", 'bytes', length(m."bytes"))) FROM "legacy_media" m WHERE m."field" = 'audio' AND r."entity" = m."entity" AND r."id" = m."id";--> statement-breakpoint
UPDATE "sync_records" r SET "data" = jsonb_set(r."data", '{placePhoto}', jsonb_build_object('sha256', m."sha256", 'type', m."type", 'bytes', length(m."bytes"))) FROM "legacy_media" m WHERE m."field" = 'placePhoto' AND r."entity" = m."entity" AND r."id" = m."id";--> statement-breakpoint
DROP TABLE "legacy_media";--> statement-breakpoint
-- Data: who may read each existing record, as its policy now says (src/server/*/policies.ts).
UPDATE "sync_records" SET "audience" = ARRAY['public'] WHERE "entity" = 'council' AND "data" IS NOT NULL;--> statement-breakpoint
UPDATE "sync_records" SET "audience" = CASE WHEN ("data" ->> 'listedPublicly')::boolean THEN ARRAY['inside:' || ("data" ->> 'councilId'), 'public'] ELSE ARRAY['inside:' || ("data" ->> 'councilId')] END WHERE "entity" = 'council-member' AND "data" IS NOT NULL;--> statement-breakpoint
UPDATE "sync_records" SET "audience" = CASE WHEN ("data" ->> 'published')::boolean THEN ARRAY['public'] ELSE ARRAY['staff:' || ("data" ->> 'councilId')] END WHERE "entity" = 'meeting' AND "data" IS NOT NULL;--> statement-breakpoint
UPDATE "sync_records" i SET "audience" = CASE
    WHEN m."data" ->> 'councilId' = i."data" ->> 'councilId' AND (m."data" ->> 'published')::boolean
      THEN CASE WHEN (i."data" ->> 'closed')::boolean THEN ARRAY['inside:' || (i."data" ->> 'councilId')] ELSE ARRAY['public'] END
    ELSE ARRAY['staff:' || (i."data" ->> 'councilId')] END
  FROM "sync_records" m
  WHERE i."entity" = 'agenda-item' AND i."data" IS NOT NULL AND m."entity" = 'meeting' AND m."data" IS NOT NULL AND m."id"::text = i."data" ->> 'meetingId';--> statement-breakpoint
UPDATE "sync_records" SET "audience" = ARRAY['staff:' || ("data" ->> 'councilId')] WHERE "entity" = 'agenda-item' AND "data" IS NOT NULL AND "audience" = '{}';--> statement-breakpoint
UPDATE "sync_records" SET "ever_audience" = "audience" WHERE "data" IS NOT NULL;--> statement-breakpoint
-- Whom a deletion made before this migration concerned is not known: everyone who pulls learns of it, as before.
UPDATE "sync_records" SET "ever_audience" = ARRAY['public'] WHERE "data" IS NULL;--> statement-breakpoint
-- Every changed record gets a new version, so devices pull its new form.
UPDATE "sync_state" SET "version" = "version" + 1 WHERE "id" = 1 AND EXISTS (SELECT 1 FROM "sync_records" WHERE "entity" IN ('agenda-item', 'meeting', 'council-member') AND "data" IS NOT NULL);--> statement-breakpoint
UPDATE "sync_records" SET "version" = (SELECT "version" FROM "sync_state" WHERE "id" = 1) WHERE "entity" IN ('agenda-item', 'meeting', 'council-member') AND "data" IS NOT NULL;
