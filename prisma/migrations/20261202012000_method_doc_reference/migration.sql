-- The seeded threshold history cited "METHOD.md", a file the repository does not have:
-- point it to docs/method.md as the app serves it (/docs/method, section 3). Only the untouched seed rows change.
UPDATE "threshold_changes"
   SET "reason" = 'default of the AgentTuning method (see /docs/method#section-3)'
 WHERE "reason" = 'default of the AgentTuning method (METHOD.md)' AND "actor_label" = 'defaults';
