-- CreateTable
CREATE TABLE "ViewerChange" (
    "id" BIGSERIAL NOT NULL,
    "txid" BIGINT NOT NULL DEFAULT ((pg_current_xact_id())::text)::bigint,
    "subject" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ViewerChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ViewerChange_txid_idx" ON "ViewerChange"("txid");


-- Every change to who a credential identifies (a person's roles, name or agency; an agency's kind or
-- name; an API key's revocation; an enterprise's name; any deletion) is logged and announced, by
-- whatever wrote it: the API, the CLI, a migration or psql. Server instances cache viewers and drop
-- them on the NOTIFY, and read this log on a short lease so no change is ever missed
-- (packages/server/src/viewer-cache.ts). The payload is `<schema>|<subject>`.
CREATE FUNCTION "zhifa_viewer_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  subject text := TG_ARGV[0] || ':' || OLD.id;
BEGIN
  EXECUTE format('INSERT INTO %I."ViewerChange" (subject) VALUES ($1)', TG_TABLE_SCHEMA) USING subject;
  PERFORM pg_notify('zhifa_viewers', TG_TABLE_SCHEMA || '|' || subject);
  RETURN NULL;
END
$$;

CREATE TRIGGER "Person_viewer_changed" AFTER UPDATE ON "Person" FOR EACH ROW
  WHEN (OLD.roles IS DISTINCT FROM NEW.roles OR OLD."agencyId" IS DISTINCT FROM NEW."agencyId" OR OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION "zhifa_viewer_changed"('person');
CREATE TRIGGER "Person_viewer_deleted" AFTER DELETE ON "Person" FOR EACH ROW EXECUTE FUNCTION "zhifa_viewer_changed"('person');

CREATE TRIGGER "Agency_viewer_changed" AFTER UPDATE ON "Agency" FOR EACH ROW
  WHEN (OLD.kind IS DISTINCT FROM NEW.kind OR OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION "zhifa_viewer_changed"('agency');
CREATE TRIGGER "Agency_viewer_deleted" AFTER DELETE ON "Agency" FOR EACH ROW EXECUTE FUNCTION "zhifa_viewer_changed"('agency');

CREATE TRIGGER "ApiKey_viewer_changed" AFTER UPDATE ON "ApiKey" FOR EACH ROW
  WHEN (OLD."revokedAt" IS DISTINCT FROM NEW."revokedAt" OR OLD.hash IS DISTINCT FROM NEW.hash OR OLD.prefix IS DISTINCT FROM NEW.prefix OR OLD."agencyId" IS DISTINCT FROM NEW."agencyId")
  EXECUTE FUNCTION "zhifa_viewer_changed"('apikey');
CREATE TRIGGER "ApiKey_viewer_deleted" AFTER DELETE ON "ApiKey" FOR EACH ROW EXECUTE FUNCTION "zhifa_viewer_changed"('apikey');

CREATE TRIGGER "Enterprise_viewer_changed" AFTER UPDATE ON "Enterprise" FOR EACH ROW
  WHEN (OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION "zhifa_viewer_changed"('enterprise');
CREATE TRIGGER "Enterprise_viewer_deleted" AFTER DELETE ON "Enterprise" FOR EACH ROW EXECUTE FUNCTION "zhifa_viewer_changed"('enterprise');
