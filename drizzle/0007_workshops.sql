CREATE TABLE "workshop_allocations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"process_id" uuid NOT NULL,
	"prioritisation_id" uuid NOT NULL,
	"person_id" uuid,
	"allocation" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workshop_participants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"process_id" uuid NOT NULL,
	"session_id" uuid,
	"person_id" uuid,
	"role" text NOT NULL,
	"show_name" boolean DEFAULT false NOT NULL,
	"joined_at" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workshop_reactions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"process_id" uuid NOT NULL,
	"statement_id" uuid NOT NULL,
	"person_id" uuid,
	"answer" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "workshop_allocations" ADD CONSTRAINT "workshop_allocations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_participants" ADD CONSTRAINT "workshop_participants_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_reactions" ADD CONSTRAINT "workshop_reactions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workshop_allocations_process" ON "workshop_allocations" USING btree ("process_id");--> statement-breakpoint
CREATE UNIQUE INDEX "workshop_allocations_once" ON "workshop_allocations" USING btree ("prioritisation_id","person_id");--> statement-breakpoint
CREATE INDEX "workshop_participants_person" ON "workshop_participants" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "workshop_participants_process" ON "workshop_participants" USING btree ("process_id");--> statement-breakpoint
CREATE UNIQUE INDEX "workshop_participants_once" ON "workshop_participants" USING btree ("process_id","session_id","person_id");--> statement-breakpoint
CREATE INDEX "workshop_reactions_process" ON "workshop_reactions" USING btree ("process_id");--> statement-breakpoint
CREATE UNIQUE INDEX "workshop_reactions_once" ON "workshop_reactions" USING btree ("statement_id","person_id");