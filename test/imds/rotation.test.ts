// Role credentials as an application on the instance sees them over hours: the AWS SDK's own
// IMDS provider against a running keyless, the server clock moved ten minutes at a time.
import { strict as assert } from "node:assert";
import { after, before, describe, it } from "node:test";
import { HOUR, type ImdsCredentials, MINUTE, openWorld, type World } from "./world.js";

const STEP = 10 * MINUTE;
const ROTATE_BEFORE = 15 * MINUTE;

describe("role credential rotation", () => {
  let world: World;
  before(async () => {
    world = await openWorld(["app"], "app");
  });
  after(() => world.close());

  const expiry = (credentials: ImdsCredentials): number => credentials.expiration?.getTime() ?? 0;

  it("rotates over eight hours: a key until 15 minutes before expiry, none expired", async () => {
    const provider = world.provider();
    const keys = new Set<string>();
    let previous: ImdsCredentials | undefined;
    for (let elapsed = 0; elapsed <= 8 * HOUR; elapsed += STEP) {
      const now = world.keyless.clock.now();
      const current = await provider();
      const at = `at +${elapsed / MINUTE} min`;
      assert.ok(expiry(current) > now, `key ${current.accessKeyId} ${at} had already expired`);
      if (previous && previous.accessKeyId === current.accessKeyId) {
        assert.ok(expiry(current) - now > ROTATE_BEFORE, `key kept too long ${at}`);
      } else if (previous) {
        const left = expiry(previous) - now;
        assert.ok(left <= ROTATE_BEFORE, `key replaced ${at} with ${left / MINUTE} min left`);
        assert.ok(left > 0, `key replaced only after it expired, ${at}`);
      }
      keys.add(current.accessKeyId);
      previous = current;
      world.keyless.clock.advance(STEP);
    }
    assert.ok(keys.size >= 2, `distinct keys over eight hours: ${keys.size}`);
  });

  it("keeps a replaced key valid until its own expiry, since it is its own session", async () => {
    const provider = world.provider();
    const old = await provider();
    world.keyless.clock.set(expiry(old) - ROTATE_BEFORE + MINUTE);
    const fresh = await provider();
    assert.notEqual(fresh.accessKeyId, old.accessKeyId, "rotated inside the last fifteen minutes");

    assert.equal(await world.roleOf(old), "app", "the old key still works before its expiry");
    // Expiration is shown in whole seconds; the session ends within the second after.
    world.keyless.clock.set(expiry(old) + 1000);
    await assert.rejects(world.roleOf(old), (error: Error) => {
      assert.match(error.name, /ExpiredToken/, `error for the expired old key: ${error.name}`);
      return true;
    });
    assert.equal(await world.roleOf(fresh), "app", "the new key works after the old expired");
  });
});
