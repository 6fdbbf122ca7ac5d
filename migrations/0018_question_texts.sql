-- Question texts are kept once, by the SHA-256 of their JSON; attempts refer to them (questions[].textHash) instead of
-- each holding every language's text of its ten questions (about 62 KB of JSON per attempt).
CREATE TABLE "quiz_question_texts" (
	"hash" text PRIMARY KEY NOT NULL,
	"text" jsonb NOT NULL
);--> statement-breakpoint
-- Existing attempts: each distinct text once (hashed from PostgreSQL's own JSON text, so a text the server later hashes
-- from its own JSON may be kept a second time under another hash: both are the same text).
INSERT INTO "quiz_question_texts" ("hash", "text")
SELECT DISTINCT encode(sha256(convert_to((q->'text')::text, 'UTF8')), 'hex'), q->'text'
FROM "quiz_attempts", jsonb_array_elements("questions") AS q
WHERE q ? 'text'
ON CONFLICT DO NOTHING;--> statement-breakpoint
UPDATE "quiz_attempts" SET "questions" = (
	SELECT jsonb_agg((q - 'text') || jsonb_build_object('textHash', encode(sha256(convert_to((q->'text')::text, 'UTF8')), 'hex')) ORDER BY n)
	FROM jsonb_array_elements("questions") WITH ORDINALITY AS e(q, n)
)
WHERE jsonb_array_length("questions") > 0 AND "questions"->0 ? 'text';
