// The agent's Node flags have one source: the `agent` script in package.json
// (`node --no-opt … dist/agent.js`). The packed bin's shebang and the service unit reuse them.

/** The `--flag` words between `node` and `dist/agent.js` in an npm script line. */
export function agentNodeFlags(scriptLine) {
  const m = /node ((?:--[\w-]+(?:=\S+)? )*)dist\/agent\.js/.exec(scriptLine);
  if (!m) throw new Error(`no "node … dist/agent.js" in the agent script: ${scriptLine}`);
  return (m[1] ?? '').split(' ').filter(Boolean);
}
