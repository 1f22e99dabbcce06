CREATE TABLE "sync_conflicts" (
	"mutation_id" uuid PRIMARY KEY NOT NULL,
	"entity" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"fields" jsonb NOT NULL,
	"server_values" jsonb NOT NULL,
	"client_values" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_mutations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"result" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_records" (
	"entity" text NOT NULL,
	"id" uuid NOT NULL,
	"scope" text NOT NULL,
	"data" jsonb,
	"field_versions" jsonb NOT NULL,
	"version" bigint NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "sync_records_entity_id_pk" PRIMARY KEY("entity","id")
);
--> statement-breakpoint
CREATE TABLE "sync_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "sync_records_scope_version" ON "sync_records" USING btree ("scope","version");--> statement-breakpoint
CREATE INDEX "sync_records_version" ON "sync_records" USING btree ("version");--> statement-breakpoint
INSERT INTO "sync_state" ("id", "version") VALUES (1, 0);
