// Baseline for PutObject: node:http streaming each request body into a file in a directory,
// then answering 200 with an ETag. Run: node pipe-to-file.mjs PORT DIR
import { createWriteStream } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";

const [port, dir] = process.argv.slice(2);
let count = 0;

createServer(async function pipeToFile(req, res) {
  if (req.method !== "PUT") return res.end();
  try {
    await pipeline(req, createWriteStream(join(dir, `body-${count++}`)));
    res.writeHead(200, { ETag: '"0"', "Content-Length": 0 }).end();
  } catch {
    res.destroy();
  }
}).listen(Number(port), "127.0.0.1");
