-- The contamination check asks, per assistant turn without a call syntax of its own, whether its trajectory stores
-- calls natively or as text (lib/export/transform/trained-text.ts nativeTrajectorySql). A partial index answers that
-- without reading the trajectory's turns: it holds only tool-calling turns, so ReAct data costs nothing.
CREATE INDEX "turns_call_syntax_idx" ON "turns"("trajectory_id", "call_syntax") WHERE "call_syntax" IS NOT NULL;
