// The AWS SDK's own IMDS credential provider, unmodified, against a keyless listener.
import { strict as assert } from "node:assert";
import { after, before, describe, it } from "node:test";
import { fromInstanceMetadata } from "@smithy/credential-provider-imds";
import { type ImdsFixture, imdsFixture } from "./fixture.js";

describe("the AWS SDK instance metadata credential provider", () => {
  let fx: ImdsFixture;
  const saved = process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
  before(async () => {
    fx = await imdsFixture();
    await fx.attachRole("app-role");
    process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = fx.endpoint;
  });
  after(async () => {
    if (saved === undefined) delete process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
    else process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = saved;
    await fx.close();
  });

  it("gets the role's credentials over IMDSv2", async () => {
    const credentials = await fromInstanceMetadata({ maxRetries: 0 })();
    assert.match(credentials.accessKeyId, /^ASIA/);
    assert.ok(credentials.sessionToken, "session token present");
    assert.ok(credentials.expiration && credentials.expiration.getTime() > Date.now());
    const session = await fx.model.sessions.find(credentials.accessKeyId);
    assert.equal(session?.roleDelivery, "2.0", "delivered with a token");
    assert.equal(session?.roleName, "app-role");
  });

  it("gets new credentials once the old ones are fifteen minutes from expiry", async () => {
    const provider = fromInstanceMetadata({ maxRetries: 0 });
    const first = await provider();
    fx.clock.advance(5 * 3600 * 1000 + 46 * 60 * 1000);
    const second = await provider();
    assert.notEqual(second.accessKeyId, first.accessKeyId);
  });
});
