-- The contamination check asks, per assistant turn, whether its trajectory stores calls natively (then the turn's
-- reasoning sits in `thought`, beside the text). A partial index answers that without reading the trajectory's turns;
-- it holds only tool-calling turns, so ReAct data costs nothing.
CREATE INDEX "turns_native_calls_idx" ON "turns"("trajectory_id") WHERE "call_syntax" = 'native';
