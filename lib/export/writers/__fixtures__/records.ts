/** Test records for the writers: every role, all three loss states, terminal bytes, unicode, nulls. */
import { createWriteStream, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import type { TExportRecord, TExportTurn, TPreferencePair } from "@/lib/export/record";
import type { TRecordWriter } from "../stream-sink";

const turn = (role: TExportTurn["role"], text: string, loss: boolean | null): TExportTurn => ({
  role,
  text,
  loss,
  reasoning: null,
  toolCalls: null,
  toolCallId: null,
});

export const RECORDS: TExportRecord[] = [
  {
    id: "os_3",
    trajectoryId: 3,
    task: "os",
    sourceModel: "gpt-4",
    datasetName: "agentinstruct-os",
    kind: "agent",
    reward: 1,
    turns: [
      turn("user", "Use Think: / Act: bash.", null),
      turn("assistant", "Ok.", false),
      turn("user", "Now, I will start a new problem in a new OS. My problem is:\n\nWhat is in /tmp?", null),
      turn("assistant", "Think: list it.\n\nAct: bash\n\n```bash\nls /tmp\n```", true),
      turn("user", "The output of the OS:\r\n\u001b]0;root@x: /\u0007a.txt  b.txt\r\n\u001b[K", false),
      turn("assistant", "Think: two files.\n\nAct: answer(a.txt, b.txt)", true),
    ],
    tools: null,
    taskTurnIndex: 2,
    genericCotRule: false,
  },
  {
    id: "webshop_9#2",
    trajectoryId: 9,
    task: "webshop",
    sourceModel: null,
    datasetName: "agentgym-webshop",
    kind: "agent",
    reward: 0.6666666666666666,
    turns: [
      turn("system", "You are web shopping. ☕ «quotes» \"double\"", null),
      turn("user", "WebShop [SEP] Instruction: [SEP] a mug [SEP] Search", null),
      turn("assistant", "Action:\nsearch[mug]", null),
      turn("user", "<b>Mug</b> [SEP] B01 [SEP] $9.99", null),
      turn("assistant", "Action:\nclick[B01]", false),
    ],
    tools: null,
    taskTurnIndex: 1,
    genericCotRule: false,
  },
  {
    id: "sharegpt_ab12",
    trajectoryId: 12,
    task: "general",
    sourceModel: "gpt-3.5-turbo",
    datasetName: "sharegpt",
    kind: "general",
    reward: null,
    turns: [turn("user", "Write a haiku about rain 🌧", null), turn("assistant", "Soft rain on the roof\n…", true)],
    tools: null,
    taskTurnIndex: 0,
    genericCotRule: false,
  },
];

export const PAIRS: TPreferencePair[] = [
  {
    id: "db_1|db_2",
    task: "db",
    tools: null,
    chosenTrajectoryId: 1,
    rejectedTrajectoryId: 2,
    prompt: [turn("user", "Use SQL.", null), turn("assistant", "Ok.", false), turn("user", "How many rows are in t?", null)],
    chosen: [turn("assistant", "Action: Operation\n```sql\nSELECT COUNT(*) FROM t;\n```", true), turn("user", "[(3,)]", null), turn("assistant", "Action: Answer\nFinal Answer: [\"3\"]", true)],
    rejected: [turn("assistant", "Action: Answer\nFinal Answer: [\"4\"]", true)],
  },
];

export function tmpDir(): string {
  return mkdtempSync(path.join(tmpdir(), "writers-test-"));
}

/** Writes `values` with a writer over a file stream and returns the file's path. */
export async function writeFileWith<T>(
  file: string,
  create: (out: Writable) => TRecordWriter<T>,
  values: readonly T[],
): Promise<string> {
  const writer = create(createWriteStream(file));
  for (const value of values) await writer.write(value);
  await writer.close();
  return file;
}

/** A destination slower than the writer: each chunk completes on a later turn of the event loop. */
export function slowWritable(highWaterMark: number): Writable & { received: Buffer[] } {
  const received: Buffer[] = [];
  const stream = new Writable({
    highWaterMark,
    write(chunk: Buffer, _encoding, done) {
      received.push(chunk);
      setImmediate(done);
    },
  });
  return Object.assign(stream, { received });
}
