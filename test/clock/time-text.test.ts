// The kept-by-second time formatters answer exactly what formatting each time afresh would,
// whatever order times are asked in (the same second twice, seconds apart, before 1970).
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { httpDate, isoSeconds } from "../../src/clock/time-text.js";

const times = fc.array(fc.integer({ min: -8.64e14, max: 8.64e14 }), {
  minLength: 1,
  maxLength: 200,
});

test("isoSeconds and httpDate agree with toISOString and toUTCString, to the second", () => {
  fc.assert(
    fc.property(times, (asked) => {
      for (const ms of [...asked, ...asked.map((t) => t + 999), ...asked]) {
        assert.equal(
          isoSeconds(ms),
          new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z"),
          String(ms),
        );
        assert.equal(httpDate(ms), new Date(ms).toUTCString(), String(ms));
      }
    }),
    { numRuns: 300 },
  );
});
