// The Signature Version 2 examples of S3's documentation, signed with AWS's example key: each
// StringToSign keyless builds signs to the documented signature, and stops doing so once one
// byte of the request changes.
// https://docs.aws.amazon.com/AmazonS3/latest/API/RESTAuthentication.html ("Authentication
// examples")
import assert from "node:assert/strict";
import { test } from "node:test";
import type { SigV2Claim } from "../../src/auth/sigv2/parse.js";
import { signV2 } from "../../src/auth/sigv2/sign.js";
import { stringsToSignV2, type V2Request } from "../../src/auth/sigv2/string-to-sign.js";
import { signaturesMatch } from "../../src/sigv4/verify.js";

const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const CLAIM: SigV2Claim = {
  version: 2,
  scope: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", date: "", region: "us-east-1", service: "s3" },
  signature: "",
  location: "header",
};

interface Example {
  name: string;
  request: V2Request;
  signature: string;
}

const request = (
  method: string,
  target: string,
  headers: Record<string, string>,
  hostBucket?: string,
): V2Request => {
  const [rawPath = "", rawQuery = ""] = target.split("?");
  return {
    method,
    rawPath,
    rawQuery,
    headers: new Map(Object.entries(headers).map(([name, value]) => [name, [value]])),
    hostBucket,
  };
};

const EXAMPLES: Example[] = [
  {
    name: "Object GET (virtual-hosted)",
    request: request(
      "GET",
      "/photos/puppy.jpg",
      { date: "Tue, 27 Mar 2007 19:36:42 +0000" },
      "johnsmith",
    ),
    signature: "bWq2s1WEIj+Ydj0vQ697zp+IXMU=",
  },
  {
    name: "Object PUT with a Content-Type",
    request: request(
      "PUT",
      "/photos/puppy.jpg",
      {
        "content-type": "image/jpeg",
        "content-length": "94328",
        date: "Tue, 27 Mar 2007 21:15:45 +0000",
      },
      "johnsmith",
    ),
    signature: "MyyxeRY7whkBe+bq8fHCL/2kKUg=",
  },
  {
    name: "List (query parameters that are not sub-resources are not signed)",
    request: request(
      "GET",
      "/?prefix=photos&max-keys=50&marker=puppy",
      { "user-agent": "Mozilla/5.0", date: "Tue, 27 Mar 2007 19:42:41 +0000" },
      "johnsmith",
    ),
    signature: "htDYFYduRNen8P9ZfE/s9SuKy0U=",
  },
  {
    name: "Fetch (the acl sub-resource is signed)",
    request: request("GET", "/?acl", { date: "Tue, 27 Mar 2007 19:44:46 +0000" }, "johnsmith"),
    signature: "c2WLPFtWHVgbEmeEG93a4cG37dM=",
  },
  {
    name: "Delete (path-style, with x-amz-date)",
    request: request("DELETE", "/johnsmith/photos/puppy.jpg", {
      date: "Tue, 27 Mar 2007 21:20:27 +0000",
      "x-amz-date": "Tue, 27 Mar 2007 21:20:26 +0000",
    }),
    signature: "lx3byBScXR6KzyMaifNkardMwNk=",
  },
  {
    name: "List all my buckets",
    request: request("GET", "/", { date: "Wed, 28 Mar 2007 01:29:59 +0000" }),
    signature: "qGdzdERIC03wnaRNKh6OqZehG9s=",
  },
  {
    name: "Unicode keys (the path is signed as sent, escapes in either case)",
    request: request("GET", "/dictionary/fran%C3%A7ais/pr%c3%a9f%c3%a8re", {
      date: "Wed, 28 Mar 2007 01:49:49 +0000",
    }),
    signature: "DNEZGsoieTZ92F3bUfSPQcbGmlM=",
  },
];

const verifies = (candidate: V2Request, signature: string) =>
  stringsToSignV2(candidate, CLAIM).some((text) =>
    signaturesMatch(signV2(SECRET, text), signature),
  );

for (const example of EXAMPLES) {
  test(`S3's SigV2 example "${example.name}" verifies, and fails with one byte changed`, () => {
    assert.ok(verifies(example.request, example.signature), `${example.name} did not verify`);
    const date = example.request.headers.get("x-amz-date") ? "x-amz-date" : "date";
    const headers = new Map(example.request.headers);
    headers.set(date, [(headers.get(date)?.[0] ?? "").replace("2007", "2008")]);
    assert.equal(verifies({ ...example.request, headers }, example.signature), false, "date");
    const rawPath = example.request.rawPath.replace(/.$/, (c) => (c === "x" ? "y" : "x"));
    assert.equal(verifies({ ...example.request, rawPath }, example.signature), false, "path");
    assert.equal(
      verifies({ ...example.request, method: "HEAD" }, example.signature),
      false,
      "verb",
    );
  });
}

test("with x-amz-date, the form the rules give (empty Date line) verifies too", () => {
  const dated = request("GET", "/", {
    date: "ignored",
    "x-amz-date": "Tue, 27 Mar 2007 21:20:26 +0000",
  });
  const [form] = stringsToSignV2(dated, CLAIM);
  assert.equal(form, "GET\n\n\n\nx-amz-date:Tue, 27 Mar 2007 21:20:26 +0000\n/");
  assert.ok(verifies(dated, signV2(SECRET, form as string)));
});
