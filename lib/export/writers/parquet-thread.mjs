// Encodes an export's parquet row groups off the main thread (parquet.ts): the
// same ParquetWriter, schema and columns as ever, so the same bytes. Plain
// JavaScript, so the thread starts without a TypeScript loader. Each message
// is answered, in order, with the bytes it produced (transferred, not copied).
import { parentPort, workerData } from "node:worker_threads";
import { ByteWriter, ParquetWriter } from "hyparquet-writer";

const bytes = new ByteWriter(1 << 16);
const parquet = new ParquetWriter({ writer: bytes, schema: workerData.schema });

/** What was written since the last answer. */
function take() {
  const out = bytes.getBytes().slice();
  bytes.index = 0;
  return out;
}

/** One row group: conversations.jsonl lines (a JSON array) with their datasets and rewards beside them. */
function writeGroup({ rows: json, datasets, rewards }) {
  const rows = JSON.parse(json).map((line, i) => ({ ...line, dataset: datasets[i], reward: rewards[i] }));
  // No min/max statistics on the turn texts or tools (see parquet.ts).
  const column = (name) => ({ name, data: rows.map((row) => row[name]) });
  parquet.write({
    columnData: [column("id"), column("task"), column("model"), column("dataset"), column("reward"), { ...column("conversations"), statistics: false }, { ...column("tools"), statistics: false }],
    rowGroupSize: rows.length,
  });
}

parentPort.on("message", (message) => {
  try {
    if (message.type === "group") writeGroup(message);
    else parquet.finish();
    const out = take();
    parentPort.postMessage({ bytes: out }, [out.buffer]);
  } catch (error) {
    parentPort.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
