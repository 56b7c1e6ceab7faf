/**
 * Streaming writers of the training-mix export, one per format. Each takes a
 * Node Writable, awaits 'drain' when the stream is full, and writes the same
 * bytes for the same records.
 */
export { createConversationsWriter, conversationsRow } from "./conversations";
export { createMessagesWriter, messagesRow } from "./messages";
export { createParquetWriter, type TParquetOptions } from "./parquet";
export { createPreferenceWriter, preferenceRow } from "./preference";
export { StreamSink, createJsonlWriter, type TRecordWriter } from "./stream-sink";
