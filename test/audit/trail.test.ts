// The trail: each call as a CloudTrail-shaped event naming the principal, the key, the decision
// and the statement that decided it — and never a secret.
import assert from "node:assert/strict";
import { appendFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  CreateBucketCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  GetSessionTokenCommand,
} from "@aws-sdk/client-sts";
import type { TrailEvent } from "../../src/audit/cloudtrail-event.js";
import { Trail } from "../../src/audit/trail.js";
import { type Credentials, clients, wrongSecret } from "../support/clients.js";
import { startKeyless, type TestKeyless } from "../support/keyless.js";
import { allow, role, trustAccount, userWithKey } from "../support/principals.js";
import { cleanEnv, KEYLESS_BIN, keyless as keylessCli, run } from "../support/processes.js";

let keyless: TestKeyless;
let auditor: Credentials;
before(async () => {
  keyless = await startKeyless();
  await clients(keyless.endpoint, keyless.root).s3.send(
    new CreateBucketCommand({ Bucket: "audited" }),
  );
  auditor = await userWithKey(
    keyless.endpoint,
    keyless.root,
    "auditor",
    { Sid: "ReadAudited", ...allow("s3:ListBucket", "arn:aws:s3:::audited") },
    { Sid: "NoWrites", Effect: "Deny", Action: "s3:PutObject", Resource: "*" },
    allow("sts:AssumeRole"),
  );
});
after(() => keyless.stop());

async function events(): Promise<TrailEvent[]> {
  const response = await fetch(`${keyless.endpoint}/_keyless/trail?limit=1000`);
  const page = (await response.json()) as { events: { event: TrailEvent }[] };
  return page.events.map((numbered) => numbered.event);
}

test("an allowed call names the user, the key and the statement that allowed it", async () => {
  await clients(keyless.endpoint, auditor).s3.send(new ListObjectsV2Command({ Bucket: "audited" }));
  const event = (await events()).findLast((e) => e.eventName === "ListObjectsV2");
  assert.ok(event, "no ListObjectsV2 event");
  assert.equal(event.eventSource, "s3.amazonaws.com");
  assert.deepEqual(
    [event.userIdentity.type, event.userIdentity.arn, event.userIdentity.accessKeyId],
    ["IAMUser", "arn:aws:iam::123456789012:user/auditor", auditor.accessKeyId],
  );
  assert.equal(event.keyless.decision, "Allowed");
  assert.equal(event.keyless.action, "s3:ListBucket");
  assert.deepEqual(event.keyless.decidedBy, {
    policyType: "IAM Policy",
    policy: "inline",
    statement: "ReadAudited",
  });
});

test("denials say whether a statement denied or nothing allowed", async () => {
  const s3 = clients(keyless.endpoint, auditor).s3;
  await assert.rejects(s3.send(new PutObjectCommand({ Bucket: "audited", Key: "k", Body: "x" })), {
    name: "AccessDenied",
  });
  await assert.rejects(s3.send(new CreateBucketCommand({ Bucket: "another" })), {
    name: "AccessDenied",
  });
  const all = await events();
  const put = all.findLast((e) => e.eventName === "PutObject");
  assert.equal(put?.keyless.decision, "ExplicitDeny");
  assert.equal(put?.keyless.decidedBy?.statement, "NoWrites");
  assert.equal(put?.errorCode, "AccessDenied");
  const create = all.findLast(
    (e) => e.eventName === "CreateBucket" && e.userIdentity.type === "IAMUser",
  );
  assert.equal(create?.keyless.decision, "ImplicitDeny");
  assert.deepEqual(create?.keyless.missingAllows, ["identity-based"]);
});

test("a role session's events carry the session issuer, and a bad signature is recorded by key", async () => {
  await role(keyless.endpoint, keyless.root, "Audited", [trustAccount("123456789012")]);
  const assumed = await clients(keyless.endpoint, auditor).sts.send(
    new AssumeRoleCommand({
      RoleArn: "arn:aws:iam::123456789012:role/Audited",
      RoleSessionName: "audit",
    }),
  );
  const session = {
    accessKeyId: assumed.Credentials?.AccessKeyId as string,
    secretAccessKey: assumed.Credentials?.SecretAccessKey as string,
    sessionToken: assumed.Credentials?.SessionToken as string,
  };
  await clients(keyless.endpoint, session).sts.send(new GetCallerIdentityCommand({}));
  const wrong = wrongSecret(auditor);
  await assert.rejects(clients(keyless.endpoint, wrong).sts.send(new GetCallerIdentityCommand({})));

  const all = await events();
  const asRole = all.findLast((e) => e.userIdentity.accessKeyId === session.accessKeyId);
  assert.ok(asRole, "no event for the role session");
  assert.equal(asRole.userIdentity.type, "AssumedRole");
  const context = asRole.userIdentity.sessionContext as { sessionIssuer: { arn: string } };
  const issuer = context.sessionIssuer;
  assert.equal(issuer.arn, "arn:aws:iam::123456789012:role/Audited");
  const forged = all.findLast((e) => e.errorCode === "SignatureDoesNotMatch");
  assert.deepEqual(forged?.userIdentity, { type: "Unknown", accessKeyId: auditor.accessKeyId });

  const text = JSON.stringify(all);
  for (const secret of [
    auditor.secretAccessKey,
    session.secretAccessKey,
    session.sessionToken,
    keyless.root.secretAccessKey,
  ]) {
    assert.ok(!text.includes(secret), "a secret or a session token reached the trail");
  }
});

test("a GetObject of a missing key is recorded as s3:GetObject, though s3:ListBucket made it a 404", async () => {
  const got = clients(keyless.endpoint, keyless.root).s3.send(
    new GetObjectCommand({ Bucket: "audited", Key: "never-written" }),
  );
  await assert.rejects(got, { name: "NoSuchKey" });
  const event = (await events()).findLast((e) => e.eventName === "GetObject");
  assert.equal(event?.errorCode, "NoSuchKey");
  assert.equal(event?.keyless.action, "s3:GetObject");
  assert.equal(event?.keyless.resource, "arn:aws:s3:::audited/never-written");
  assert.equal(event?.keyless.decision, "Allowed");
});

test("DeleteObjects lists each key's decision, and keyless trail counts them", async () => {
  const root = clients(keyless.endpoint, keyless.root).s3;
  for (const key of ["mine/a", "mine/b", "theirs/c"]) {
    await root.send(new PutObjectCommand({ Bucket: "audited", Key: key, Body: key }));
  }
  const pruner = await userWithKey(
    keyless.endpoint,
    keyless.root,
    "pruner",
    allow("s3:DeleteObject", "arn:aws:s3:::audited/mine/*"),
  );
  const done = await clients(keyless.endpoint, pruner).s3.send(
    new DeleteObjectsCommand({
      Bucket: "audited",
      Delete: { Objects: [{ Key: "mine/a" }, { Key: "theirs/c" }, { Key: "mine/b" }] },
    }),
  );
  const event = (await events()).find((e) => e.requestID === done.$metadata.requestId);
  assert.deepEqual(
    event?.keyless.evaluated?.map((e) => [e.resource, e.decision]),
    [
      ["arn:aws:s3:::audited/mine/a", "Allowed"],
      ["arn:aws:s3:::audited/theirs/c", "ImplicitDeny"],
      ["arn:aws:s3:::audited/mine/b", "Allowed"],
    ],
  );
  const printed = await keylessCli(
    ["trail", "--principal", "user/pruner", "--endpoint", keyless.endpoint],
    cleanEnv(),
  );
  assert.match(printed.stdout, /\[3 evaluated: 2 allowed, 1 denied\]/, printed.stdout);
});

test("S3 events carry CloudTrail's requestParameters, resources and data-event category", async () => {
  const root = clients(keyless.endpoint, keyless.root).s3;
  const put = await root.send(
    new PutObjectCommand({ Bucket: "audited", Key: "shape/a.txt", Body: "a" }),
  );
  const anonymous = await fetch(`${keyless.endpoint}/audited/shape/a.txt`);
  await anonymous.arrayBuffer();
  const all = await events();
  const written = all.find((e) => e.requestID === put.$metadata.requestId);
  assert.deepEqual(written?.requestParameters, {
    bucketName: "audited",
    Host: new URL(keyless.endpoint).host,
    key: "shape/a.txt",
  });
  assert.deepEqual(written?.resources, [
    { type: "AWS::S3::Object", ARN: "arn:aws:s3:::audited/shape/a.txt" },
    { accountId: "123456789012", type: "AWS::S3::Bucket", ARN: "arn:aws:s3:::audited" },
  ]);
  assert.equal(written?.eventCategory, "Data");
  assert.equal(written?.managementEvent, false);

  const created = all.find((e) => e.eventName === "CreateBucket");
  assert.equal(created?.eventCategory, "Management");
  const refused = all.find(
    (e) => e.requestID === anonymous.headers.get("x-amz-request-id") && e.eventName === "GetObject",
  );
  assert.equal(refused?.userIdentity.type, "AWSAccount");
  assert.equal(refused?.recipientAccountId, "123456789012", "delivered to the bucket owner");
});

test("an S3 call refused for its signature is recorded under the operation it asked for", async () => {
  const forged = clients(keyless.endpoint, wrongSecret(auditor)).s3;
  const refused = await forged
    .send(new GetObjectCommand({ Bucket: "audited", Key: "anything" }))
    .then(
      () => undefined,
      (error: { $metadata?: { requestId?: string } }) => error.$metadata?.requestId,
    );
  assert.ok(refused, "the forged GetObject was not refused");
  const event = (await events()).find((e) => e.requestID === refused);
  assert.equal(event?.errorCode, "SignatureDoesNotMatch");
  assert.equal(event?.eventName, "GetObject");

  // With no action decided, keyless trail's line names the object it was for.
  const printed = await keylessCli(["trail", "--endpoint", keyless.endpoint], cleanEnv());
  assert.match(
    printed.stdout,
    /403 \S+ \S+ GetObject arn:aws:s3:::audited\/anything NotEvaluated SignatureDoesNotMatch/,
  );
});

test("GetSessionToken, which needs no allow, is not recorded as denied when none is given", async () => {
  const issued = await clients(keyless.endpoint, auditor).sts.send(new GetSessionTokenCommand({}));
  const event = (await events()).find((e) => e.requestID === issued.$metadata.requestId);
  assert.equal(event?.eventName, "GetSessionToken");
  assert.equal(event?.keyless.decision, "NotEvaluated");
});

test("keyless trail --denied prints one line per denied call with what decided it", async () => {
  const finished = await keylessCli(
    ["trail", "--denied", "--endpoint", keyless.endpoint],
    cleanEnv(),
  );
  assert.equal(finished.code, 0, finished.stderr);
  assert.match(
    finished.stdout,
    /user\/auditor \S+ s3:PutObject arn:aws:s3:::audited\/k ExplicitDeny by inline#NoWrites AccessDenied/,
  );
  // A 2xx call is printed only for a denial within it (a DeleteObjects key refused).
  const succeeded = finished.stdout.split("\n").filter((line) => /^\S+ 2\d\d /.test(line));
  for (const line of succeeded) assert.match(line, /Deny/, "a call with no denial was printed");
});

test("the trail keeps the latest 10,000 events in memory and all in the file; a restart reads them back, numbered alike", async () => {
  const dir = await mkdtemp(join(tmpdir(), "keyless-trail-"));
  const trail = new Trail(dir);
  try {
    const total = 12_345;
    for (let i = 1; i <= total; i++) trail.record({ eventID: String(i) } as TrailEvent);
    const kept = trail.list();
    assert.equal(kept.length, 10_000);
    assert.equal(kept[0]?.sequence, total - 10_000 + 1);
    assert.equal(kept.at(-1)?.sequence, total);
    assert.deepEqual(
      trail.list({ after: total - 2 }).map((numbered) => numbered.event.eventID),
      [String(total - 1), String(total)],
    );
    await trail.close();
    const lines = (await readFile(join(dir, "trail.jsonl"), "utf8")).trim().split("\n");
    assert.equal(lines.length, total);
    assert.equal(JSON.parse(lines.at(-1) as string).eventID, String(total));

    // A restart keeps the latest events, even after a line cut short by a killed process.
    await appendFile(join(dir, "trail.jsonl"), '{"eventID": "cut sh');
    const restarted = new Trail(dir);
    restarted.record({ eventID: "before the first read" } as TrailEvent);
    await new Promise((resolve) => setImmediate(resolve)); // written to the file
    const back = restarted.list().map((numbered) => numbered.event.eventID);
    assert.equal(back.length, 10_000);
    assert.equal(back[0], String(total - 10_000 + 2));
    assert.deepEqual(back.slice(-2), [String(total), "before the first read"]);
    // An event's number is its line in the file, so it names the same event after a restart;
    // the cut line counts as a line.
    assert.equal(restarted.list({ after: total - 1 })[0]?.event.eventID, String(total));
    assert.equal(restarted.latest, total + 2, "the cut line, then the event recorded since");
    restarted.record({ eventID: "after" } as TrailEvent);
    assert.equal(restarted.list({ after: restarted.latest - 1 })[0]?.event.eventID, "after");
    await restarted.close();
    const again = new Trail(dir);
    const last = again.list().at(-1);
    assert.equal(last?.event.eventID, "after", "the event after the cut line");
    assert.equal(last?.sequence, total + 3, "the same number as before the restart");
    await again.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("an event carries the request id its caller was given: S3's 16-digit form for S3", async () => {
  const { s3, sts } = clients(keyless.endpoint, auditor);
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: "audited" }));
  const who = await sts.send(new GetCallerIdentityCommand({}));
  const s3Id = listed.$metadata.requestId as string;
  const stsId = who.$metadata.requestId as string;
  assert.match(s3Id, /^[0-9A-F]{16}$/);
  assert.match(stsId, /^[0-9a-f-]{36}$/);
  const ids = (await events()).map((event) => event.requestID);
  assert.ok(ids.includes(s3Id), `no event for S3 request ${s3Id}`);
  assert.ok(ids.includes(stsId), `no event for STS request ${stsId}`);
});

test("a call refused before any key is known is in the trail too, as an Unknown identity", async () => {
  const response = await fetch(`${keyless.endpoint}/?Action=ListUsers&Version=2010-05-08`);
  assert.equal(response.status, 403);
  const requestId = response.headers.get("x-amzn-requestid");
  const event = (await events()).find((e) => e.requestID === requestId);
  assert.ok(event, `no event for the unsigned call ${requestId}`);
  assert.equal(event.errorCode, "MissingAuthenticationToken");
  assert.equal(event.userIdentity.type, "Unknown");
});

test("keyless trail prints every kept event through the latest, past the first page", async () => {
  let lastId = "";
  for (let i = 0; i < 1100; i++) {
    const response = await fetch(`${keyless.endpoint}/audited/page-${i}.txt`);
    await response.arrayBuffer();
    lastId = response.headers.get("x-amz-request-id") ?? "";
  }
  const printed = await keylessCli(["trail", "--json", "--endpoint", keyless.endpoint], cleanEnv());
  assert.equal(printed.code, 0, printed.stderr);
  const lines = printed.stdout.trim().split("\n");
  assert.ok(lines.length > 1100, `${lines.length} events printed`);
  const last = JSON.parse(lines.at(-1) as string) as TrailEvent;
  assert.equal(last.requestID, lastId, "the last event printed is the last call made");
});

test("keyless trail prints a key's control characters as escapes, so no line can be forged", async () => {
  const forged =
    "x\n2026-12-04T17:00:00Z 200 arn:aws:iam::123456789012:user/alice AKIAFAKE Allowed\u001b[31m";
  const response = await fetch(`${keyless.endpoint}/audited/${encodeURIComponent(forged)}`);
  await response.arrayBuffer();
  const printed = await keylessCli(["trail", "--endpoint", keyless.endpoint], cleanEnv());
  assert.equal(printed.code, 0, printed.stderr);
  assert.doesNotMatch(printed.stdout, /^2026-12-04T17:00:00Z/m, "a forged line was printed");
  assert.ok(!printed.stdout.includes("\u001b"), "a terminal escape was printed");
  assert.match(printed.stdout, /audited\/x\\n2026-12-04T17:00:00Z .*Allowed\\x1b\[31m/);
});

test("keyless trail piped into a reader that stops early ends quietly", async () => {
  const trail = `"${process.execPath}" "${KEYLESS_BIN}" trail --endpoint ${keyless.endpoint}`;
  const command = `${trail} | head -n 1`;
  const finished = await run("/bin/sh", ["-c", command], cleanEnv());
  assert.equal(finished.code, 0, finished.stderr);
  assert.equal(finished.stdout.split("\n").filter(Boolean).length, 1);
  assert.equal(finished.stderr, "", "nothing on standard error");
});

test("GET /_keyless/trail with an after or limit that is not a whole number in range is a 400 saying which", async () => {
  for (const query of ["limit=abc", "limit=0", "limit=1001", "limit=-5", "after=-1", "after=1e3"]) {
    const response = await fetch(`${keyless.endpoint}/_keyless/trail?${query}`);
    assert.equal(response.status, 400, query);
    const body = (await response.json()) as { error: string; message: string };
    assert.equal(body.error, "InvalidParameterValue", query);
    assert.match(body.message, /limit from 1 to 1000/, query);
  }
  const fine = await fetch(`${keyless.endpoint}/_keyless/trail?after=0&limit=1000`);
  assert.equal(fine.status, 200);
});
