import { strict as assert } from "node:assert";
import { afterEach, beforeEach, describe, it } from "node:test";
import {
  ACCOUNT,
  DELAY_MS,
  fetchToken,
  get,
  type ImdsFixture,
  imdsFixture,
  LAMBDA_TRUST,
} from "./fixture.js";

const CREDS = "/latest/meta-data/iam/security-credentials/";
const ISO_SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

describe("role credentials from instance metadata", () => {
  let fx: ImdsFixture;
  beforeEach(async () => {
    fx = await imdsFixture();
  });
  afterEach(() => fx.close());

  it("has no iam category before an instance profile is associated", async () => {
    assert.equal((await get(fx.endpoint, "/latest/meta-data/iam/")).status, 404);
    assert.equal((await get(fx.endpoint, CREDS)).status, 404);
  });

  it("shows iam only once the association has propagated on the server clock", async () => {
    await fx.attachRole("app-role", { atLaunch: false });
    assert.equal((await get(fx.endpoint, CREDS)).status, 404, "still associating");
    fx.clock.advance(DELAY_MS);
    const listing = await get(fx.endpoint, CREDS);
    assert.equal(listing.status, 200, "associated");
    assert.equal(listing.body, "app-role");
  });

  it("describes the instance profile in iam/info", async () => {
    await fx.attachRole("app-role");
    const { status, body } = await get(fx.endpoint, "/latest/meta-data/iam/info");
    assert.equal(status, 200);
    const info = JSON.parse(body);
    const profile = await fx.model.instanceProfiles.get(fx.instance.account, "app-role-profile");
    assert.equal(info.Code, "Success");
    assert.equal(info.InstanceProfileArn, profile.arn);
    assert.equal(info.InstanceProfileId, profile.instanceProfileId);
    assert.match(info.LastUpdated, ISO_SECONDS);
  });

  it("serves the role's credentials in the shape IMDS uses", async () => {
    await fx.attachRole("app-role");
    const { status, body } = await get(fx.endpoint, `${CREDS}app-role`);
    assert.equal(status, 200);
    const creds = JSON.parse(body);
    assert.deepEqual(Object.keys(creds), [
      "Code",
      "LastUpdated",
      "Type",
      "AccessKeyId",
      "SecretAccessKey",
      "Token",
      "Expiration",
    ]);
    assert.equal(creds.Code, "Success");
    assert.equal(creds.Type, "AWS-HMAC");
    assert.match(creds.AccessKeyId, /^ASIA[A-Z2-7]{16}$/);
    assert.match(creds.Expiration, ISO_SECONDS);
    assert.match(creds.LastUpdated, ISO_SECONDS);
    const lifetime = Date.parse(creds.Expiration) - Date.parse(creds.LastUpdated);
    assert.equal(lifetime, 6 * 3600 * 1000, "credentials last six hours");
  });

  it("names the role session after the instance and records how it was delivered", async () => {
    await fx.attachRole("app-role");
    const v1 = JSON.parse((await get(fx.endpoint, `${CREDS}app-role`)).body);
    const token = await fetchToken(fx.endpoint);
    const v2 = JSON.parse((await get(fx.endpoint, `${CREDS}app-role`, token)).body);
    const s1 = await fx.model.sessions.find(v1.AccessKeyId);
    const s2 = await fx.model.sessions.find(v2.AccessKeyId);
    assert.equal(s1?.sessionName, fx.instance.instanceId);
    assert.equal(s1?.roleDelivery, "1.0");
    assert.equal(s2?.roleDelivery, "2.0");
    assert.equal(
      s2?.sourceInstanceArn,
      `arn:aws:ec2:${fx.instance.region}:${fx.instance.account}:instance/${fx.instance.instanceId}`,
    );
  });

  it("serves the same credentials again until fifteen minutes before they expire", async () => {
    await fx.attachRole("app-role");
    const first = JSON.parse((await get(fx.endpoint, `${CREDS}app-role`)).body);
    fx.clock.advance(5 * 3600 * 1000 + 44 * 60 * 1000);
    const again = JSON.parse((await get(fx.endpoint, `${CREDS}app-role`)).body);
    assert.equal(again.AccessKeyId, first.AccessKeyId, "reused at 5h44m");
    fx.clock.advance(60 * 1000);
    const rotated = JSON.parse((await get(fx.endpoint, `${CREDS}app-role`)).body);
    assert.notEqual(rotated.AccessKeyId, first.AccessKeyId, "rotated at 5h45m");
    assert.ok(Date.parse(rotated.Expiration) > Date.parse(first.Expiration), "later expiry");
  });

  it("answers AssumeRoleUnauthorizedAccess when the trust policy does not name EC2", async () => {
    await fx.attachRole("lambda-role", { trust: LAMBDA_TRUST });
    const { status, body } = await get(fx.endpoint, `${CREDS}lambda-role`);
    assert.equal(status, 200);
    const answer = JSON.parse(body);
    assert.equal(answer.Code, "AssumeRoleUnauthorizedAccess");
    assert.match(answer.Message, /EC2 cannot assume the role lambda-role/);
    assert.equal(answer.AccessKeyId, undefined, "no credentials");
  });

  it("keeps serving the role while disassociating and withdraws it once that settles", async () => {
    await fx.attachRole("app-role");
    const association = await fx.model.associations.current(
      fx.instance.account,
      fx.instance.instanceId,
    );
    assert.ok(association);
    await fx.model.associations.disassociate(fx.instance.account, association.associationId);
    const leaving = await get(fx.endpoint, `${CREDS}app-role`);
    assert.equal(leaving.status, 200, "status while disassociating");
    fx.clock.advance(DELAY_MS);
    assert.equal((await get(fx.endpoint, `${CREDS}app-role`)).status, 404, "credentials after");
    assert.equal((await get(fx.endpoint, "/latest/meta-data/iam/")).status, 404, "iam/ after");
  });

  it("answers 404 for a role name other than the profile's", async () => {
    await fx.attachRole("app-role");
    const { status } = await get(fx.endpoint, `${CREDS}other-role`);
    assert.equal(status, 404, "status for a wrong role name");
    const listing = await get(fx.endpoint, CREDS.replace(/\/$/, ""));
    assert.equal(listing.body, "app-role", "listing without the trailing slash");
  });

  it("reports AssumeRoleUnauthorizedAccess in iam/info for an untrusted role", async () => {
    await fx.attachRole("lambda-role", { trust: LAMBDA_TRUST });
    const info = JSON.parse((await get(fx.endpoint, "/latest/meta-data/iam/info")).body);
    assert.equal(info.Code, "AssumeRoleUnauthorizedAccess", `iam/info Code ${info.Code}`);
    assert.match(info.Message, /EC2 cannot assume the role lambda-role/);
    assert.match(info.LastUpdated, ISO_SECONDS);
  });

  it("reports InstanceProfileNotFound in iam/info once the profile is deleted", async () => {
    await fx.attachRole("app-role");
    await fx.model.instanceProfiles.removeRole(ACCOUNT, "app-role-profile", "app-role");
    await fx.model.instanceProfiles.delete(ACCOUNT, "app-role-profile");
    const info = JSON.parse((await get(fx.endpoint, "/latest/meta-data/iam/info")).body);
    assert.equal(info.Code, "InstanceProfileNotFound", `iam/info Code ${info.Code}`);
    assert.equal((await get(fx.endpoint, CREDS)).status, 404, "no role to list");
  });
});
