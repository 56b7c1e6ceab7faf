import path from "node:path";

/** Where the embedded server keeps its data and which port it listens on. */
export function embeddedSettings(env: NodeJS.ProcessEnv = process.env) {
  return {
    // The data folder is chosen at run time; tell the bundler not to trace it.
    dataDir: path.resolve(/*turbopackIgnore: true*/ env.TS_DATA_DIR ?? ".data"),
    port: Number(env.EMBEDDED_PG_PORT ?? 54329),
  };
}
