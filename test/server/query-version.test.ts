// The Version parameter of IAM and STS Query requests. Each service looks an operation up by
// action and version, and its error says so: "Could not find operation X for version Y"
// (InvalidAction). A request for a version the service does not answer gets that error with
// the version sent, not a reply in the current version's shape.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startKeyless, type TestKeyless } from "../support/keyless.js";
import { errorCode, sendRaw, signRaw } from "../support/sign.js";

let keyless: TestKeyless;
before(async () => {
  keyless = await startKeyless();
});
after(() => keyless.stop());

async function query(service: "iam" | "sts", body: string) {
  const signed = await signRaw(keyless.endpoint, keyless.root, service, {
    method: "POST",
    path: "/",
    headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    body,
  });
  return sendRaw(keyless.endpoint, signed);
}

const message = (body: string) => /<Message>([^<]*)<\/Message>/.exec(body)?.[1];

for (const [service, action, current] of [
  ["iam", "ListUsers", "2010-05-08"],
  ["sts", "GetCallerIdentity", "2011-06-15"],
] as const) {
  test(`${service.toUpperCase()} answers ${action} in ${current} and no other version`, async () => {
    const answered = await query(service, `Action=${action}&Version=${current}`);
    assert.equal(answered.status, 200, answered.body);

    const refused = await query(service, `Action=${action}&Version=2099-01-01`);
    assert.equal(refused.status, 400, refused.body);
    assert.equal(errorCode(refused.body), "InvalidAction");
    assert.equal(
      message(refused.body),
      `Could not find operation ${action} for version 2099-01-01`,
    );
  });
}
