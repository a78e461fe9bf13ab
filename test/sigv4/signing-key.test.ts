// Step 3 of SigV4, the signing key: AWS's documented example, and the keys kept per holder,
// which must be those of the holder's own secret and of the scope asked.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { test } from "node:test";
import fc from "fast-check";
import { signingKey } from "../../src/sigv4/signing-key.js";

test("the signing key of AWS's example (20150830, us-east-1, iam) is c4afb1cc…a4b9", () => {
  const key = signingKey(
    "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
    "20150830",
    "us-east-1",
    "iam",
  );
  assert.equal(
    key.toString("hex"),
    "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9",
  );
});

test("signing keys kept per holder are those of its own secret, scope and service, asked in any order", () => {
  const derive = (secret: string, date: string, region: string, service: string) => {
    const hmac = (key: string | Buffer, data: string) =>
      createHmac("sha256", key).update(data).digest();
    return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), "aws4_request");
  };
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          secret: fc.constantFrom("secretA", "secretB", "secretA ", "a/b+c"),
          date: fc.constantFrom("20260101", "20260102"),
          region: fc.constantFrom("us-east-1", "eu-west-1"),
          service: fc.constantFrom("s3", "sts"),
        }),
        { minLength: 1, maxLength: 20 },
      ),
      (asks) => {
        const holders = new Map<string, object>();
        for (const { secret, date, region, service } of asks) {
          const expected = derive(secret, date, region, service).toString("hex");
          const holder = holders.get(secret) ?? { secret };
          holders.set(secret, holder);
          const key = signingKey(secret, date, region, service, holder).toString("hex");
          assert.equal(key, expected, `${date}/${region}/${service} for ${JSON.stringify(secret)}`);
        }
      },
    ),
  );
});
