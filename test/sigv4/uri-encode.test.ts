// SigV4's URI encoding (RFC 3986 unreserved characters kept, every other UTF-8 byte as %XX in
// upper-case hex) against a byte-by-byte reference, over any text, lone surrogates included.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { uriEncode } from "../../src/sigv4/uri-encode.js";

function referenceEncode(text: string, keepSlash: boolean): string {
  let out = "";
  for (const char of text) {
    if (/[A-Za-z0-9\-._~]/.test(char) || (keepSlash && char === "/")) {
      out += char;
      continue;
    }
    for (const byte of Buffer.from(char, "utf8")) {
      out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    }
  }
  return out;
}

test("uriEncode agrees with byte-by-byte encoding on any text, with and without slashes kept", () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string({ unit: "binary" }),
        fc.string({ unit: fc.constantFrom("a", "/", " ", "+", "*", "!", "'", "(", ")", "%", "é") }),
      ),
      fc.boolean(),
      (text, keepSlash) => {
        assert.equal(uriEncode(text, keepSlash), referenceEncode(text, keepSlash), text);
      },
    ),
    { numRuns: 5000 },
  );
});

test("uriEncode writes the sub-delimiters encodeURIComponent keeps as %XX", () => {
  assert.equal(uriEncode("a!b'c(d)e*f"), "a%21b%27c%28d%29e%2Af");
  assert.equal(uriEncode("photos/2026 jan/ü.jpg", true), "photos/2026%20jan/%C3%BC.jpg");
  assert.equal(uriEncode("\uD800x"), "%EF%BF%BDx");
});
