// The entry of a contamination scan thread (scan-threads.ts). A worker thread starts without the TypeScript loader
// of the process that made it (tsx, vitest), so it registers tsx and then loads the thread's code.
import { register } from "tsx/esm/api";

register();
await import("./scan-thread.ts");
