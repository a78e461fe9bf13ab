// SigV4's basic-form dates, both ways, against the plain definition from toISOString.
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { formatAmzDate, parseAmzDate } from "../../src/auth/amz-date.js";

const slowFormat = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

test("formatAmzDate writes what toISOString writes, less separators and milliseconds", () => {
  fc.assert(
    fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
      assert.equal(formatAmzDate(ms), slowFormat(ms), String(ms));
    }),
    { numRuns: 5000 },
  );
  assert.equal(formatAmzDate(Date.UTC(2026, 11, 3, 16, 41, 39, 999)), "20261203T164139Z");
});

test("parseAmzDate reads back any second formatAmzDate writes in years 1000 to 9999", () => {
  fc.assert(
    fc.property(fc.integer({ min: -30610224000, max: 253402300799 }), (seconds) => {
      assert.equal(parseAmzDate(formatAmzDate(seconds * 1000)), seconds * 1000);
    }),
    { numRuns: 5000 },
  );
});

test("parseAmzDate refuses text that is not the basic form", () => {
  for (const text of ["2026-12-03T16:41:39Z", "20261203T164139", "20261203T164139ZZ", ""]) {
    assert.ok(Number.isNaN(parseAmzDate(text)), text);
  }
});

test("parseAmzDate refuses a time the calendar does not have, instead of rolling it over", () => {
  const missing = [
    "20261204T188559Z", // minute 85
    "20261399T999999Z",
    "20260230T000000Z", // 30 February
    "20261200T000000Z",
    "20261204T240000Z",
    "20261204T235960Z",
  ];
  for (const text of missing) assert.ok(Number.isNaN(parseAmzDate(text)), text);
  assert.equal(parseAmzDate("20240229T235959Z"), Date.UTC(2024, 1, 29, 23, 59, 59), "a leap day");
});
