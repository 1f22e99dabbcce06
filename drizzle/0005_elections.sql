CREATE TABLE "election_board" (
	"election_id" uuid NOT NULL,
	"index" integer NOT NULL,
	"hash" text NOT NULL,
	"type" text NOT NULL,
	"entry" text NOT NULL,
	"card" text,
	"enc" text,
	"envelope_hash" text,
	CONSTRAINT "election_board_election_id_index_pk" PRIMARY KEY("election_id","index")
);
--> statement-breakpoint
CREATE TABLE "election_candidates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"election_id" uuid NOT NULL,
	"person_id" uuid,
	"name" text NOT NULL,
	"presentation" text NOT NULL,
	"photo" text,
	"recording" jsonb,
	"status" text NOT NULL,
	"return_reason" text,
	"entered_by" uuid NOT NULL,
	"consent_given_at" date,
	"consent_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "election_cards" (
	"election_id" uuid NOT NULL,
	"public_key" text NOT NULL,
	"card_number" text NOT NULL,
	"batch_id" uuid NOT NULL,
	"revoked" boolean DEFAULT false NOT NULL,
	CONSTRAINT "election_cards_election_id_public_key_pk" PRIMARY KEY("election_id","public_key")
);
--> statement-breakpoint
CREATE TABLE "election_late_cards" (
	"election_id" uuid NOT NULL,
	"card" text NOT NULL,
	CONSTRAINT "election_late_cards_election_id_card_pk" PRIMARY KEY("election_id","card")
);
--> statement-breakpoint
CREATE TABLE "election_roll" (
	"id" uuid PRIMARY KEY NOT NULL,
	"election_id" uuid NOT NULL,
	"person_id" uuid,
	"name" text NOT NULL,
	"received" text DEFAULT 'no' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "elections" (
	"id" uuid PRIMARY KEY NOT NULL,
	"council_id" uuid NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"seats" integer NOT NULL,
	"substitutes" integer NOT NULL,
	"max_choices" integer NOT NULL,
	"term_start" date NOT NULL,
	"term_end" date NOT NULL,
	"voters" text NOT NULL,
	"relatives_may_vote_for_resident" boolean NOT NULL,
	"candidate_order" text NOT NULL,
	"candidacy_opens_at" timestamp with time zone,
	"candidacy_closes_at" timestamp with time zone,
	"voting_opens_at" timestamp with time zone NOT NULL,
	"voting_closes_at" timestamp with time zone NOT NULL,
	"easy_read" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"manifest" text,
	"manifest_hash" text,
	"sealed_key" text,
	"sealed_key_id" text,
	"board_head" text,
	"board_length" integer DEFAULT 0 NOT NULL,
	"result" jsonb,
	"published_at" timestamp with time zone,
	"applied_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "substitute_rank" integer;--> statement-breakpoint
ALTER TABLE "election_board" ADD CONSTRAINT "election_board_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_candidates" ADD CONSTRAINT "election_candidates_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_candidates" ADD CONSTRAINT "election_candidates_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_cards" ADD CONSTRAINT "election_cards_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_late_cards" ADD CONSTRAINT "election_late_cards_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_roll" ADD CONSTRAINT "election_roll_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "election_roll" ADD CONSTRAINT "election_roll_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elections" ADD CONSTRAINT "elections_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "election_board_ballot_card" ON "election_board" USING btree ("election_id","card") WHERE "election_board"."type" = 'ballot';--> statement-breakpoint
CREATE UNIQUE INDEX "election_board_enc" ON "election_board" USING btree ("election_id","enc") WHERE "election_board"."enc" is not null;--> statement-breakpoint
CREATE INDEX "election_candidates_election" ON "election_candidates" USING btree ("election_id");--> statement-breakpoint
CREATE UNIQUE INDEX "election_cards_number" ON "election_cards" USING btree ("election_id","card_number");--> statement-breakpoint
CREATE INDEX "election_roll_election" ON "election_roll" USING btree ("election_id");--> statement-breakpoint
CREATE UNIQUE INDEX "election_roll_person" ON "election_roll" USING btree ("election_id","person_id") WHERE "election_roll"."person_id" is not null;--> statement-breakpoint
CREATE FUNCTION "election_board_is_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'election_board is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "election_board_append_only" BEFORE UPDATE OR DELETE ON "election_board" FOR EACH ROW EXECUTE FUNCTION "election_board_is_append_only"();
--> statement-breakpoint
CREATE TRIGGER "election_board_no_truncate" BEFORE TRUNCATE ON "election_board" FOR EACH STATEMENT EXECUTE FUNCTION "election_board_is_append_only"();
