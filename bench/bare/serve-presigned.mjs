// A second baseline for GetObject: node:http doing only the work every presigned GET needs,
// with no emulation around it. It checks the SigV4 query signature of one known key (answering
// 403 on a mismatch, so a run that skipped the check would fail), appends an event per request
// to a file in the shape keyless writes for an S3 data event, writes an info log line per
// request with pino, and answers the body with the headers keyless sent. Its rate is the most
// any implementation of that work could reach on this machine.
// Run: node serve-presigned.mjs PORT HEADERS_JSON BODY_BASE64 SECRET TRAIL_FILE (GET / without
// a query answers 200, for readiness).
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
import { createHash, createHmac, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { createServer } from "node:http";
import { pino } from "pino";

const [port, headersJson, bodyBase64, secret, trailFile] = process.argv.slice(2);
const headers = JSON.parse(headersJson);
const body = Buffer.from(bodyBase64, "base64");
const log = pino({ base: null }, pino.destination({ dest: 2, sync: false }));
const trail = createWriteStream(trailFile, { flags: "a" });
const keys = new Map();

const hmac = (key, data) => createHmac("sha256", key).update(data).digest();
const encode = (text) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);

function signingKey(scope) {
  let key = keys.get(scope);
  if (key === undefined) {
    const [date, region, service] = scope.split("/");
    key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), "aws4_request");
    keys.set(scope, key);
  }
  return key;
}

function verified(path, query, host) {
  const params = new URLSearchParams(query);
  const pairs = [...params]
    .filter(([name]) => name !== "X-Amz-Signature")
    .map(([name, value]) => `${encode(name)}=${encode(value)}`)
    .sort();
  const canonical = ["GET", path, pairs.join("&"), `host:${host}\n`, "host", "UNSIGNED-PAYLOAD"];
  const credential = params.get("X-Amz-Credential") ?? "";
  const scope = credential.slice(credential.indexOf("/") + 1);
  const hash = createHash("sha256").update(canonical.join("\n")).digest("hex");
  const toSign = ["AWS4-HMAC-SHA256", params.get("X-Amz-Date"), scope, hash].join("\n");
  const signature = createHmac("sha256", signingKey(scope.slice(0, scope.lastIndexOf("/"))))
    .update(toSign)
    .digest("hex");
  return { ok: signature === params.get("X-Amz-Signature"), keyId: credential.split("/")[0] };
}

/** Trail lines not yet written: one write per turn of the event loop, as keyless does. */
let pending = "";
function flushTrail() {
  trail.write(pending);
  pending = "";
}

createServer(function servePresigned(req, res) {
  const at = req.url.indexOf("?");
  if (at < 0) {
    res.end("ready");
    return;
  }
  const check = verified(req.url.slice(0, at), req.url.slice(at + 1), req.headers.host);
  const requestId = randomUUID();
  // The shape keyless writes for an S3 data event: CloudTrail's fields and a decision.
  const [, bucket, ...rest] = req.url.slice(0, at).split("/");
  const key = decodeURIComponent(rest.join("/"));
  const event = {
    eventVersion: "1.08",
    eventID: randomUUID(),
    eventTime: new Date().toISOString(),
    eventSource: "s3.amazonaws.com",
    eventName: "GetObject",
    awsRegion: "us-east-1",
    sourceIPAddress: req.socket.remoteAddress,
    userAgent: req.headers["user-agent"] ?? "",
    requestID: requestId,
    eventType: "AwsApiCall",
    readOnly: true,
    requestParameters: { bucketName: bucket, Host: req.headers.host, key },
    resources: [
      { type: "AWS::S3::Object", ARN: `arn:aws:s3:::${bucket}/${key}` },
      { type: "AWS::S3::Bucket", ARN: `arn:aws:s3:::${bucket}`, accountId: "123456789012" },
    ],
    managementEvent: false,
    eventCategory: "Data",
    recipientAccountId: "123456789012",
    userIdentity: { type: "IAMUser", accountId: "123456789012", accessKeyId: check.keyId },
    errorCode: check.ok ? undefined : "SignatureDoesNotMatch",
    keyless: {
      status: check.ok ? 200 : 403,
      decision: check.ok ? "Allowed" : "NotEvaluated",
      action: "s3:GetObject",
      resource: `arn:aws:s3:::${bucket}/${key}`,
    },
  };
  if (pending === "") setImmediate(flushTrail);
  pending += `${JSON.stringify(event)}\n`;
  if (check.ok) res.writeHead(200, headers).end(body);
  else res.writeHead(403).end();
  log.info({ requestId, operation: "GetObject", status: res.statusCode }, "request");
}).listen(Number(port), "127.0.0.1");
