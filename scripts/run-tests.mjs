// Runs every test file under test/ with node's test runner. Node 20 does not expand globs, so
// the files are listed here; a run that finds no test file, or whose runner executes no test,
// fails.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

const only = process.argv.slice(2);
const files = (only.length > 0 ? only : testFiles("test")).sort();
if (files.length === 0) {
  console.error("no test files found under test/");
  process.exit(1);
}

const run = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", "--test-concurrency=2", "--test-reporter=spec", ...files],
  {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    // The SDK warns that its releases after January 2027 need Node 22; ours are pinned.
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
);
process.stdout.write(run.stdout);

const passed = Number(/^ℹ pass (\d+)/m.exec(run.stdout)?.[1] ?? 0);
if (run.status === 0 && passed === 0) {
  console.error("the test runner executed no test");
  process.exit(1);
}
process.exit(run.status ?? 1);
