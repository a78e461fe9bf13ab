import assert from "node:assert/strict";
import { test } from "node:test";
import { parseCopySource } from "../../src/services/s3/copy/copy-source.js";
import { parseCompleteRequest } from "../../src/services/s3/multipart/complete-request.js";
import { taggingHeader } from "../../src/services/s3/tagging/tagging-header.js";

const codeOf = (thrown: unknown): string => (thrown as { code?: string }).code ?? "none";

test("x-amz-copy-source is decoded once, with or without a leading slash or versionId", () => {
  const cases: [string, { bucket: string; key: string; versionId?: string }][] = [
    ["bucket/key", { bucket: "bucket", key: "key" }],
    ["/bucket/dir/key.txt", { bucket: "bucket", key: "dir/key.txt" }],
    ["bucket/a%20b%2Bc%3Fd", { bucket: "bucket", key: "a b+c?d" }],
    ["bucket/k?versionId=null", { bucket: "bucket", key: "k", versionId: "null" }],
    ["bucket/%25literal", { bucket: "bucket", key: "%literal" }],
  ];
  for (const [header, expected] of cases) {
    assert.deepEqual(parseCopySource(header), expected, `source of ${header}`);
  }
  for (const bad of ["bucket", "bucket/", "/bucket", "", "bucket/%ZZ"]) {
    assert.throws(
      () => parseCopySource(bad),
      (thrown) => codeOf(thrown) === "InvalidArgument",
      bad,
    );
  }
});

test("x-amz-tagging is a URL query: + and %20 are spaces, %2B a plus", () => {
  const header = (value: string) => (name: string) =>
    name === "x-amz-tagging" ? value : undefined;
  assert.deepEqual(taggingHeader(header("a=1&b=x+y&c=x%20y&d=%2B&e=")), {
    a: "1",
    b: "x y",
    c: "x y",
    d: "+",
    e: "",
  });
  assert.equal(taggingHeader(header("")), undefined);
  assert.equal(
    taggingHeader(() => undefined),
    undefined,
  );
});

test("a CompleteMultipartUpload body gives part numbers, ETags and checksums in order", () => {
  const parts = parseCompleteRequest(
    '<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
      '<Part><PartNumber>1</PartNumber><ETag>"aa"</ETag>' +
      "<ChecksumCRC32>AAAAAA==</ChecksumCRC32></Part>" +
      "<Part><ETag>&quot;bb&quot;</ETag><PartNumber>3</PartNumber></Part>" +
      "</CompleteMultipartUpload>",
  );
  assert.deepEqual(parts, [
    { partNumber: 1, etag: '"aa"', checksums: { CRC32: "AAAAAA==" } },
    { partNumber: 3, etag: '"bb"', checksums: {} },
  ]);
  for (const [body, code] of [
    ["<CompleteMultipartUpload/>", "MalformedXML"],
    [
      "<CompleteMultipartUpload><Part><ETag>x</ETag></Part></CompleteMultipartUpload>",
      "MalformedXML",
    ],
    ["not xml", "MalformedXML"],
    [
      "<CompleteMultipartUpload><Part><PartNumber>2</PartNumber><ETag>x</ETag></Part>" +
        "<Part><PartNumber>1</PartNumber><ETag>y</ETag></Part></CompleteMultipartUpload>",
      "InvalidPartOrder",
    ],
  ] as const) {
    assert.throws(
      () => parseCompleteRequest(body),
      (thrown) => codeOf(thrown) === code,
      body,
    );
  }
});
