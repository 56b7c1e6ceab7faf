/**
 * The project runs on Node 24 LTS. `npm ci` installs it into node_modules (the
 * `node` devDependency) and every `npm run` script finds it first on PATH, so a
 * machine whose own Node is older still runs the app on 24. Called directly with
 * an older Node, the entry points stop with a reason instead of failing later.
 */
export const REQUIRED_NODE_MAJOR = 24;

/**
 * Node flags of every process that runs jobs (workers, and the benchmarks that run a job's work in their own
 * process). Node 24 lets the young generation grow to 2 x 64 MB semi-spaces (Node 20: 2 x 16 MB); an export's
 * short-lived strings filled it, which put 150 MB on its peak RSS (506 MB at 1M). 32 MB semi-spaces are the middle:
 * an export of 100k trajectories used 5 % less CPU than with 16 MB (fewer of its loaded batches outlive a
 * scavenge and get copied to the old generation) for 40-70 MB more peak RSS; 64 MB saved no more.
 * Also in package.json's `worker` and `bench:export` scripts and compose.yaml (a test keeps them equal).
 */
export const WORKER_NODE_FLAGS = ["--max-semi-space-size=32"];

export function nodeMajor(version = process.versions.node): number {
  return Number(version.split(".")[0]);
}

export function assertSupportedNode(version = process.versions.node): void {
  if (nodeMajor(version) >= REQUIRED_NODE_MAJOR) return;
  console.error(
    `Trajectory Studio needs Node ${REQUIRED_NODE_MAJOR}+, this is ${version}. ` +
      "Run it through npm (npm start, npm run cli, npm test): npm ci installs Node 24 into node_modules.",
  );
  process.exit(1);
}
