// Baseline for GetObject: node:http answering every request with one fixed body and the headers
// keyless sent for it. Run: node serve-body.mjs PORT HEADERS_JSON BODY_BASE64
import { createServer } from "node:http";

const [port, headersJson, bodyBase64] = process.argv.slice(2);
const headers = JSON.parse(headersJson);
const body = Buffer.from(bodyBase64, "base64");

createServer(function serveBody(_req, res) {
  res.writeHead(200, headers);
  res.end(body);
}).listen(Number(port), "127.0.0.1");
