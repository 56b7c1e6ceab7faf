/**
 * The project runs on Node 24 LTS. `npm ci` installs it into node_modules (the
 * `node` devDependency) and every `npm run` script finds it first on PATH, so a
 * machine whose own Node is older still runs the app on 24. Called directly with
 * an older Node, the entry points stop with a reason instead of failing later.
 */
export const REQUIRED_NODE_MAJOR = 24;

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
