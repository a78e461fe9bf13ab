import { strict as assert } from "node:assert";
import { after, before, describe, it } from "node:test";
import { ACCOUNT, get, type ImdsFixture, imdsFixture, REGION } from "./fixture.js";

describe("instance metadata categories", () => {
  let fx: ImdsFixture;
  before(async () => {
    fx = await imdsFixture();
  });
  after(() => fx.close());

  it("lists the meta-data categories, directories with a trailing slash", async () => {
    const { status, body } = await get(fx.endpoint, "/latest/meta-data/");
    assert.equal(status, 200);
    const entries = body.split("\n");
    for (const name of ["ami-id", "instance-id", "instance-type", "local-ipv4", "placement/"]) {
      assert.ok(entries.includes(name), `listing has ${name}: ${body}`);
    }
    assert.ok(!entries.includes("iam/"), "no iam/ without an instance profile");
  });

  it("lists the versions at /, and a version's categories, without trailing slashes", async () => {
    const versions = await get(fx.endpoint, "/");
    assert.equal(versions.status, 200);
    const names = versions.body.split("\n");
    assert.equal(names[0], "1.0");
    assert.equal(names.at(-1), "latest");
    for (const dated of ["2009-04-04", "2018-09-24", "2021-03-23"]) {
      assert.ok(names.includes(dated), `versions include ${dated}: ${versions.body}`);
    }
    assert.equal((await get(fx.endpoint, "/latest/")).body, "dynamic\nmeta-data");
    assert.equal((await get(fx.endpoint, "/latest/dynamic/")).body, "instance-identity/");
  });

  it("serves a dated version, as cloud-init asks for one, and refuses a date it never had", async () => {
    const dated = await get(fx.endpoint, "/2021-03-23/meta-data/instance-id");
    assert.equal(dated.status, 200);
    assert.equal(dated.body, fx.instance.instanceId);
    const listing = await get(fx.endpoint, "/2009-04-04/meta-data/");
    assert.equal(listing.body, (await get(fx.endpoint, "/latest/meta-data/")).body);
    assert.equal((await get(fx.endpoint, "/2021-03-24/meta-data/instance-id")).status, 404);
  });

  it("answers a path with or without its trailing slash alike", async () => {
    const bare = await get(fx.endpoint, "/latest/meta-data");
    const slashed = await get(fx.endpoint, "/latest/meta-data/");
    assert.equal(bare.body, slashed.body);
    const leaf = await get(fx.endpoint, "/latest/meta-data/instance-id/");
    assert.equal(leaf.body, fx.instance.instanceId);
  });

  it("serves the instance's own values as plain text", async () => {
    const values: Record<string, string> = {
      "ami-id": fx.instance.imageId,
      "instance-type": "t3.micro",
      "local-ipv4": fx.instance.privateIpAddress,
      "placement/region": REGION,
      "placement/availability-zone": `${REGION}a`,
    };
    for (const [path, expected] of Object.entries(values)) {
      const { status, body, headers } = await get(fx.endpoint, `/latest/meta-data/${path}`);
      assert.equal(status, 200, `status of ${path}`);
      assert.equal(body, expected, `value of ${path}`);
      assert.equal(headers.get("content-type"), "text/plain", `content type of ${path}`);
    }
  });

  it("serves the instance identity document", async () => {
    const { status, body } = await get(fx.endpoint, "/latest/dynamic/instance-identity/document");
    assert.equal(status, 200);
    const document = JSON.parse(body);
    assert.equal(document.accountId, ACCOUNT);
    assert.equal(document.instanceId, fx.instance.instanceId);
    assert.equal(document.imageId, fx.instance.imageId);
    assert.equal(document.instanceType, "t3.micro");
    assert.equal(document.privateIp, fx.instance.privateIpAddress);
    assert.equal(document.region, REGION);
    assert.equal(document.availabilityZone, `${REGION}a`);
    assert.equal(document.architecture, "x86_64");
    assert.equal(document.version, "2017-09-30");
    assert.match(document.pendingTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it("answers an unknown path with a 404 page", async () => {
    const { status, body } = await get(fx.endpoint, "/latest/meta-data/no-such-thing");
    assert.equal(status, 404);
    assert.match(body, /404 - Not Found/);
  });

  it("answers a method other than GET with 405", async () => {
    const response = await fetch(`${fx.endpoint}/latest/meta-data/`, { method: "POST" });
    assert.equal(response.status, 405);
  });

  it("stops answering once the instance's listener is stopped", async () => {
    const [other] = await fx.model.instances.create(
      ACCOUNT,
      { imageId: "ami-0abcdef1234567890", instanceType: "t3.micro", region: REGION },
      1,
    );
    assert.ok(other);
    const endpoint = await fx.imds.start(other);
    assert.equal(fx.imds.endpoint(other.instanceId), endpoint);
    await fx.imds.stop(other.instanceId);
    assert.equal(fx.imds.endpoint(other.instanceId), undefined);
    await assert.rejects(fetch(`${endpoint}/latest/meta-data/`));
  });

  it("keeps an instance's port when its listener starts again", async () => {
    const stored = await fx.model.instances.get(ACCOUNT, fx.instance.instanceId);
    assert.equal(fx.endpoint, `http://127.0.0.1:${stored.imdsPort}`);
    await fx.imds.stop(stored.instanceId);
    assert.equal(await fx.imds.start(stored), fx.endpoint);
  });
});
