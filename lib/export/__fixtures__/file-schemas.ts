/**
 * The schema of each exported JSONL file, strict: every record has every key, every turn or message has every
 * key (null where absent), and no other key. What a trainer's loader (Hugging Face `datasets`) needs to type the
 * columns; the README documents the same shapes.
 */
const nullable = (schema: object) => ({ anyOf: [schema, { type: "null" }] });
const STRING = { type: "string" };
const closed = (properties: Record<string, object>) => ({
  type: "object",
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
});

const TOOL_CALL = closed({
  id: STRING,
  type: { const: "function" },
  function: closed({ name: STRING, arguments: STRING }),
});

const TOOLS = nullable({ type: "array", items: { type: "object" } });

const MESSAGE_KEYS = {
  role: { enum: ["system", "user", "assistant", "tool"] },
  content: STRING,
  reasoning_content: nullable(STRING),
  tool_calls: nullable({ type: "array", items: TOOL_CALL, minItems: 1 }),
  tool_call_id: nullable(STRING),
};

export const MESSAGES_SCHEMA = closed({
  messages: { type: "array", items: closed({ ...MESSAGE_KEYS, weight: nullable({ enum: [0, 1] }) }) },
  tools: TOOLS,
});

export const CONVERSATIONS_SCHEMA = closed({
  id: STRING,
  task: STRING,
  model: nullable(STRING),
  reward: nullable({ type: "number" }),
  conversations: {
    type: "array",
    items: closed({
      from: { enum: ["system", "human", "gpt", "function_call", "observation"] },
      value: STRING,
      loss: nullable({ type: "boolean" }),
    }),
  },
  tools: nullable(STRING),
});

const PAIR_MESSAGES = { type: "array", items: closed(MESSAGE_KEYS) };

export const PREFERENCE_SCHEMA = closed({
  prompt: PAIR_MESSAGES,
  chosen: PAIR_MESSAGES,
  rejected: PAIR_MESSAGES,
  tools: TOOLS,
  id: STRING,
  task: STRING,
});

const REVISIONS = { type: "object", additionalProperties: { type: "integer" } };

export const SAMPLES_SCHEMA = closed({
  n: { type: "integer" },
  id: STRING,
  trajectoryId: { type: "integer" },
  externalId: STRING,
  dataset: STRING,
  kind: { enum: ["agent", "general", "preference"] },
  task: STRING,
  copy: { type: "integer" },
  contentHash: nullable(STRING),
  thoughtRevisions: REVISIONS,
  rejectedTrajectoryId: nullable({ type: "integer" }),
  rejectedThoughtRevisions: nullable(REVISIONS),
});

export const JSONL_SCHEMAS: Record<string, object> = {
  "conversations.jsonl": CONVERSATIONS_SCHEMA,
  "messages.jsonl": MESSAGES_SCHEMA,
  "preference.jsonl": PREFERENCE_SCHEMA,
  "samples.jsonl": SAMPLES_SCHEMA,
};
