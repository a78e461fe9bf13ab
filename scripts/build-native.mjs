// Compiles native/monotonic-sleep.c into dist/native/libkeyless-sleep.so, the library `keyless
// exec` preloads before libfaketime so that Python's time.sleep works in the server's time (see
// the file's header). Every machine keyless installs on has a C compiler, since better-sqlite3
// is compiled there; when none is found, or it fails, the build warns and goes on, and exec
// preloads libfaketime alone, as it did before.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SOURCE = join(ROOT, "native/monotonic-sleep.c");
const OUTPUT = join(ROOT, "dist/native/libkeyless-sleep.so");

function warn(message) {
  process.stderr.write(
    `build-native: WARNING: ${message}; keyless exec will preload libfaketime alone, ` +
      "and Python's time.sleep fails under it\n",
  );
}

// libfaketime, and so the library, exist only on Linux.
if (process.platform !== "linux") process.exit(0);

mkdirSync(dirname(OUTPUT), { recursive: true });
const args = ["-shared", "-fPIC", "-O2", "-Wall", "-o", OUTPUT, SOURCE, "-ldl"];
const compilers = [process.env.CC, "cc", "gcc", "clang"].filter(Boolean);
for (const compiler of compilers) {
  const run = spawnSync(compiler, args, { encoding: "utf8" });
  if (run.error?.code === "ENOENT") continue;
  process.stderr.write(run.stderr ?? "");
  if (run.status !== 0) warn(`${compiler} could not compile ${SOURCE}`);
  process.exit(0);
}
warn(`no C compiler found (tried ${compilers.join(", ")})`);
