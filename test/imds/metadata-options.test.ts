// The instance's metadata options as its listener honours them: HttpTokens, HttpEndpoint, and a
// change that is still pending.
import { strict as assert } from "node:assert";
import { afterEach, beforeEach, describe, it } from "node:test";
import { fromInstanceMetadata } from "@smithy/credential-provider-imds";
import { ACCOUNT, DELAY_MS, fetchToken, get, type ImdsFixture, imdsFixture } from "./fixture.js";

const CREDS = "/latest/meta-data/iam/security-credentials/";
const V2_REQUIRED =
  "with HttpTokens=required an IMDSv1 GET fails with 401 while the SDK (IMDSv2) gets credentials";
const TOKEN_TTL = "x-aws-ec2-metadata-token-ttl-seconds";

describe("metadata options on the metadata service", () => {
  let fx: ImdsFixture;
  const saved = process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
  beforeEach(async () => {
    fx = await imdsFixture();
    await fx.attachRole("app-role");
    process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = fx.endpoint;
  });
  afterEach(async () => {
    if (saved === undefined) delete process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
    else process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = saved;
    await fx.close();
  });

  const sdkCredentials = () => fromInstanceMetadata({ maxRetries: 0, logger: quiet })();

  it(V2_REQUIRED, async () => {
    await fx.setInstance({ options: { httpTokens: "required" } });
    for (const path of ["/latest/meta-data/", "/latest/meta-data/instance-id", CREDS]) {
      assert.equal((await get(fx.endpoint, path)).status, 401, `IMDSv1 status of ${path}`);
    }
    const credentials = await sdkCredentials();
    assert.match(credentials.accessKeyId, /^ASIA/, `access key ${credentials.accessKeyId}`);
    const session = await fx.model.sessions.find(credentials.accessKeyId);
    assert.equal(session?.roleDelivery, "2.0", "delivered as IMDSv2 credentials");
  });

  it("with HttpTokens=required refuses forged and expired tokens with 401", async () => {
    await fx.setInstance({ options: { httpTokens: "required" } });
    const forged = await get(fx.endpoint, "/latest/meta-data/", "AQAEAforged");
    assert.equal(forged.status, 401, "status with a forged token");
    const token = await fetchToken(fx.endpoint, "30");
    assert.equal((await get(fx.endpoint, "/latest/meta-data/", token)).status, 200);
    fx.clock.advance(30_000);
    const expired = await get(fx.endpoint, "/latest/meta-data/", token);
    assert.equal(expired.status, 401, "status with an expired token");
  });

  it("with HttpEndpoint=disabled refuses every request, token ones too, with 403", async () => {
    await fx.setInstance({ options: { httpEndpoint: "disabled" } });
    const put = await fetch(`${fx.endpoint}/latest/api/token`, {
      method: "PUT",
      headers: { [TOKEN_TTL]: "60" },
    });
    assert.equal(put.status, 403, "token request status");
    for (const path of ["/latest/meta-data/", "/latest/meta-data/instance-id", CREDS, "/"]) {
      assert.equal((await get(fx.endpoint, path)).status, 403, `status of ${path}`);
    }
    await assert.rejects(sdkCredentials(), { statusCode: 403 });
  });

  it("keeps the old options until a change is applied, then honours the new ones", async () => {
    await fx.model.instances.modify(ACCOUNT, fx.instance.instanceId, (stored) => ({
      ...stored,
      metadataOptions: { ...(stored.metadataOptions ?? fail()), httpTokens: "required" },
      previousMetadataOptions: stored.metadataOptions ?? fail(),
      metadataOptionsSince: fx.clock.now(),
    }));
    assert.equal((await get(fx.endpoint, "/latest/meta-data/")).status, 200, "while pending");
    fx.clock.advance(DELAY_MS);
    assert.equal((await get(fx.endpoint, "/latest/meta-data/")).status, 401, "once applied");
  });

  it("serves instance tags only while InstanceMetadataTags is enabled", async () => {
    const tags = { Name: "web-1", "team:owner": "blue" };
    await fx.setInstance({ tags });
    assert.equal((await get(fx.endpoint, "/latest/meta-data/tags/instance")).status, 404);

    await fx.setInstance({ options: { instanceMetadataTags: "enabled" } });
    const listing = await get(fx.endpoint, "/latest/meta-data/tags/instance");
    assert.deepEqual(listing.body.split("\n"), ["Name", "team:owner"], "tag keys listed");
    const slashed = await get(fx.endpoint, "/latest/meta-data/tags/instance/");
    assert.equal(slashed.body, listing.body, "listing with a trailing slash");
    const value = await get(fx.endpoint, "/latest/meta-data/tags/instance/team:owner");
    assert.equal(value.body, "blue", "value of team:owner");
    const missing = await get(fx.endpoint, "/latest/meta-data/tags/instance/Nope");
    assert.equal(missing.status, 404, "status of a key the instance does not have");
    const categories = (await get(fx.endpoint, "/latest/meta-data/")).body.split("\n");
    assert.ok(categories.includes("tags/"), `tags/ listed in ${categories.join(",")}`);
  });
});

const fail = (): never => {
  throw new Error("the fixture's instance has no metadata options");
};

/** The SDK warns on the console when it falls back; these tests expect failures. */
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
