// The wildcard matcher and the IP address parser, against edge cases.

import { strict as assert } from "node:assert";
import { describe, it } from "node:test";
import { parseAddress } from "../../src/policy/condition/ip.js";
import { compileGlob, globPieces } from "../../src/policy/glob.js";

const glob = (pattern: string, text: string) => compileGlob(globPieces(pattern))(text);

describe("glob", () => {
  const cases: [string, string, boolean][] = [
    ["*", "", true],
    ["a*", "a", true],
    ["*a", "ba", true],
    ["a*b*c", "abc", true],
    ["a*b*c", "aXbYbZc", true],
    ["a*b*c", "acb", false],
    ["a?c", "abc", true],
    ["a?c", "ac", false],
    ["*?", "", false],
    ["a**b", "ab", true],
    ["*ab?d*", "xxabcabcdyy", true],
    ["ab*ba", "aba", false],
    ["abc", "abcd", false],
  ];
  for (const [pattern, text, expected] of cases) {
    it(`${pattern} ${expected ? "matches" : "does not match"} "${text}"`, () => {
      assert.equal(glob(pattern, text), expected, `glob(${pattern}, ${text})`);
    });
  }
});

describe("parseAddress", () => {
  it("reads IPv6 with :: in any position and embedded IPv4", () => {
    assert.equal(parseAddress("::1")?.value, 1n, "::1");
    assert.equal(parseAddress("2001:db8::")?.value, 0x20010db8n << 96n, "2001:db8::");
    assert.equal(
      parseAddress("::ffff:10.0.0.1")?.value,
      (0xffffn << 32n) | 0x0a000001n,
      "::ffff:10.0.0.1",
    );
  });

  it("refuses malformed addresses", () => {
    for (const text of ["1.2.3", "1.2.3.256", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "blue"]) {
      assert.equal(parseAddress(text), undefined, `${text} should not parse`);
    }
  });
});
