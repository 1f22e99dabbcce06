-- A closed item of a published meeting is now read by the public too, through its policy's public
-- view (its place on the agenda only; src/server/meetings/policies.ts), so every device numbers the
-- agenda alike. Exactly those items have the audience of the council's inside alone.
UPDATE "sync_state" SET "version" = "version" + 1 WHERE "id" = 1 AND EXISTS (
  SELECT 1 FROM "sync_records" WHERE "entity" = 'agenda-item' AND "data" IS NOT NULL AND "audience" = ARRAY['inside:' || ("data" ->> 'councilId')]
);--> statement-breakpoint
-- A new version, so devices that pulled past these items before get their place now.
UPDATE "sync_records" SET
    "audience" = ARRAY['inside:' || ("data" ->> 'councilId'), 'public'],
    "ever_audience" = CASE WHEN 'public' = ANY("ever_audience") THEN "ever_audience" ELSE array_append("ever_audience", 'public') END,
    "version" = (SELECT "version" FROM "sync_state" WHERE "id" = 1)
  WHERE "entity" = 'agenda-item' AND "data" IS NOT NULL AND "audience" = ARRAY['inside:' || ("data" ->> 'councilId')];
