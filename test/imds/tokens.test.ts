import { strict as assert } from "node:assert";
import { after, before, describe, it } from "node:test";
import { fetchToken, get, type ImdsFixture, imdsFixture } from "./fixture.js";

describe("IMDSv2 session tokens", () => {
  let fx: ImdsFixture;
  before(async () => {
    fx = await imdsFixture();
  });
  after(() => fx.close());

  const put = (headers: Record<string, string>) =>
    fetch(`${fx.endpoint}/latest/api/token`, { method: "PUT", headers });

  it("issues a token and echoes its TTL in the response header", async () => {
    const response = await put({ "x-aws-ec2-metadata-token-ttl-seconds": "300" });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("x-aws-ec2-metadata-token-ttl-seconds"), "300");
    assert.ok((await response.text()).length >= 40, "token is long and opaque");
  });

  it("refuses a token request without a TTL or outside 1 to 21600 with 400", async () => {
    for (const ttl of [undefined, "0", "21601", "abc", "-5"]) {
      const headers: Record<string, string> =
        ttl === undefined ? {} : { "x-aws-ec2-metadata-token-ttl-seconds": ttl };
      const response = await put(headers);
      assert.equal(response.status, 400, `status for TTL ${ttl}`);
    }
  });

  it("accepts the TTL bounds 1 and 21600 and a token path with a trailing slash", async () => {
    for (const ttl of ["1", "21600"]) {
      const response = await put({ "x-aws-ec2-metadata-token-ttl-seconds": ttl });
      assert.equal(response.status, 200, `status for TTL ${ttl}`);
      const echoed = response.headers.get("x-aws-ec2-metadata-token-ttl-seconds");
      assert.equal(echoed, ttl, `TTL echoed for ${ttl}`);
    }
    const slashed = await fetch(`${fx.endpoint}/latest/api/token/`, {
      method: "PUT",
      headers: { "x-aws-ec2-metadata-token-ttl-seconds": "60" },
    });
    assert.equal(slashed.status, 200, "status with a trailing slash");
  });

  it("refuses a token request that carries X-Forwarded-For with 403", async () => {
    const response = await put({
      "x-aws-ec2-metadata-token-ttl-seconds": "60",
      "x-forwarded-for": "10.0.0.1",
    });
    assert.equal(response.status, 403);
  });

  it("answers GET on the token path with 405", async () => {
    const response = await get(fx.endpoint, "/latest/api/token");
    assert.equal(response.status, 405);
  });

  it("serves metadata with a valid token, and without one (HttpTokens optional)", async () => {
    const token = await fetchToken(fx.endpoint);
    const v2 = await get(fx.endpoint, "/latest/meta-data/instance-id", token);
    const v1 = await get(fx.endpoint, "/latest/meta-data/instance-id");
    assert.equal(v2.body, fx.instance.instanceId);
    assert.equal(v1.body, fx.instance.instanceId);
  });

  it("answers 401 to an unknown token", async () => {
    const response = await get(fx.endpoint, "/latest/meta-data/instance-id", "AQAEAnot-a-token");
    assert.equal(response.status, 401);
  });

  it("answers 401 once the token's TTL has passed on the server clock", async () => {
    const token = await fetchToken(fx.endpoint, "60");
    fx.clock.advance(59_000);
    assert.equal((await get(fx.endpoint, "/latest/meta-data/", token)).status, 200);
    fx.clock.advance(1_000);
    assert.equal((await get(fx.endpoint, "/latest/meta-data/", token)).status, 401);
  });

  it("does not accept a token issued by another instance's listener", async () => {
    const [other] = await fx.model.instances.create(
      fx.instance.account,
      { imageId: "ami-0abcdef1234567890", instanceType: "t3.micro", region: fx.instance.region },
      1,
    );
    assert.ok(other);
    const otherEndpoint = await fx.imds.start(other);
    assert.ok(otherEndpoint, "the other instance's listener");
    const token = await fetchToken(otherEndpoint);
    assert.equal((await get(fx.endpoint, "/latest/meta-data/", token)).status, 401);
    await fx.imds.stop(other.instanceId);
  });
});
