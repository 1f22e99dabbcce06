-- A live question about an agenda item that has since been deleted was made public (its policy
-- read a missing item as not closed). It now stays with the council's inside and staff, as its
-- policy says today (src/server/live/policies.ts); a new version, so public devices drop their copy.
UPDATE "sync_state" SET "version" = "version" + 1 WHERE "id" = 1 AND EXISTS (
  SELECT 1 FROM "sync_records" q
  WHERE q."entity" = 'live-question' AND q."data" IS NOT NULL AND q."data" ->> 'itemId' IS NOT NULL AND 'public' = ANY(q."audience")
    AND NOT EXISTS (SELECT 1 FROM "sync_records" i WHERE i."entity" = 'agenda-item' AND i."id"::text = q."data" ->> 'itemId' AND i."data" IS NOT NULL)
);--> statement-breakpoint
UPDATE "sync_records" q SET
    "audience" = ARRAY['inside:' || (q."data" ->> 'councilId'), 'staff:' || (q."data" ->> 'councilId')],
    "ever_audience" = (SELECT array_agg(DISTINCT p ORDER BY p) FROM unnest(q."ever_audience" || ARRAY['inside:' || (q."data" ->> 'councilId'), 'staff:' || (q."data" ->> 'councilId')]) AS p),
    "version" = (SELECT "version" FROM "sync_state" WHERE "id" = 1)
  WHERE q."entity" = 'live-question' AND q."data" IS NOT NULL AND q."data" ->> 'itemId' IS NOT NULL AND 'public' = ANY(q."audience")
    AND NOT EXISTS (SELECT 1 FROM "sync_records" i WHERE i."entity" = 'agenda-item' AND i."id"::text = q."data" ->> 'itemId' AND i."data" IS NOT NULL);
