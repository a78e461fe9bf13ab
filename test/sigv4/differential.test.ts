// Differential test against the SDK's own signer: random requests signed by
// @smithy/signature-v4 verify, and each fails once one byte of what was signed is changed.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import fc from "fast-check";
import { startKeyless, type TestKeyless } from "../support/keyless.js";
import { errorCode, type SignedRaw, sendRaw, signRaw } from "../support/sign.js";

let keyless: TestKeyless;
before(async () => {
  keyless = await startKeyless({ logLevel: "warn" });
});
after(() => keyless.stop());

const AUTH_FAILURES = new Set([
  "SignatureDoesNotMatch",
  "InvalidAccessKeyId",
  "AccessDenied",
  "InvalidArgument",
  "IncompleteSignature",
  "RequestTimeTooSkewed",
  "AuthorizationHeaderMalformed",
]);

/** Encodes an S3 key as the SDKs put it on the wire: each segment, RFC 3986. */
const encodeKey = (key: string) =>
  key
    .split("/")
    .map((segment) =>
      encodeURIComponent(segment).replace(
        /[!'()*]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      ),
    )
    .join("/");

const keyText = fc.string({
  unit: fc.constantFrom(..."abcXYZ019 -_.~+&=/é中!*'()".split("")),
  minLength: 1,
  maxLength: 24,
});
const queryValue = fc.string({
  unit: fc.constantFrom(..."abc019 -_.~+&=/é%".split("")),
  maxLength: 12,
});
const headerValue = fc.string({
  unit: fc.constantFrom(..."abcXYZ019-_.;,= ".split("")),
  minLength: 1,
  maxLength: 16,
});

const s3Request = fc.record({
  key: keyText,
  query: fc.dictionary(
    fc.constantFrom("prefix", "marker", "x-id", "list-type", "delimiter"),
    queryValue,
    { maxKeys: 3 },
  ),
  header: headerValue,
});

/** Changes one character at a position of `text` to a different character of the same class. */
function changeOne(text: string, index: number): string {
  const at = index % text.length;
  const char = text[at] as string;
  const replacement = /[0-9]/.test(char)
    ? String((Number(char) + 1) % 10)
    : char === "a"
      ? "b"
      : "a";
  return text.slice(0, at) + replacement + text.slice(at + 1);
}

async function signS3(input: { key: string; query: Record<string, string>; header: string }) {
  return signRaw(keyless.endpoint, keyless.root, "s3", {
    method: "GET",
    path: `/no-such-bucket/${encodeKey(input.key)}`,
    query: input.query,
    headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD", "x-amz-meta-probe": input.header },
  });
}

async function expectAccepted(signed: SignedRaw) {
  const response = await sendRaw(keyless.endpoint, signed);
  const code = errorCode(response.body);
  assert.ok(
    !AUTH_FAILURES.has(code ?? ""),
    `a correctly signed ${signed.target} was refused: ${code}`,
  );
  return response;
}

async function expectRejected(signed: SignedRaw, what: string) {
  const response = await sendRaw(keyless.endpoint, signed);
  assert.equal(
    errorCode(response.body),
    "SignatureDoesNotMatch",
    `changing ${what} of ${signed.target} was not caught: ${response.status} ${response.body.slice(0, 200)}`,
  );
}

test("random S3 requests signed by the SDK's signer verify, and fail with any one byte changed", async () => {
  await fc.assert(
    fc.asyncProperty(
      s3Request,
      fc.nat(),
      fc.constantFrom("path", "signature", "header", "date"),
      async (input, at, part) => {
        const signed = await signS3(input);
        await expectAccepted(signed);
        const headers = { ...signed.headers };
        if (part === "path") {
          const path = signed.target.split("?")[0] as string;
          const pathAt =
            "/no-such-bucket/".length + (at % (path.length - "/no-such-bucket/".length));
          const changed = path[pathAt] === "%" ? path : changeOne(path, pathAt);
          if (changed === path) return;
          await expectRejected(
            { ...signed, target: signed.target.replace(path, changed) },
            "the path",
          );
        } else if (part === "signature") {
          const auth = headers.authorization as string;
          headers.authorization = changeOne(auth, auth.length - 1 - (at % 64));
          await expectRejected({ ...signed, headers }, "the signature");
        } else if (part === "header") {
          headers["x-amz-meta-probe"] = changeOne(input.header, at);
          if (headers["x-amz-meta-probe"].trim() === input.header.trim()) return;
          await expectRejected({ ...signed, headers }, "a signed header");
        } else {
          const date = headers["x-amz-date"] as string;
          headers["x-amz-date"] = changeOne(date, 13 + (at % 2));
          await expectRejected({ ...signed, headers }, "the date");
        }
      },
    ),
    { numRuns: 150 },
  );
});

test("random STS form bodies signed by the SDK's signer verify, and fail with one byte changed", async () => {
  const extra = fc.dictionary(fc.constantFrom("A", "B", "Zeta", "probe"), queryValue, {
    maxKeys: 3,
  });
  await fc.assert(
    fc.asyncProperty(extra, fc.nat(), async (params, at) => {
      const body = new URLSearchParams({
        Action: "GetCallerIdentity",
        Version: "2011-06-15",
        ...params,
      }).toString();
      const signed = await signRaw(keyless.endpoint, keyless.root, "sts", {
        method: "POST",
        path: "/",
        headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
        body,
      });
      const accepted = await sendRaw(keyless.endpoint, signed);
      assert.equal(accepted.status, 200, accepted.body);
      await expectRejected({ ...signed, body: changeOne(body, at) }, "the body");
    }),
    { numRuns: 100 },
  );
});
