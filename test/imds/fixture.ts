// An in-process model, clock and ImdsManager, without the HTTP front door: enough to test the
// metadata listeners against a real socket while the rest of the server is not involved.
import { Writable } from "node:stream";
import { AdjustableClock } from "../../src/clock/clock.js";
import { ImdsManager } from "../../src/imds/manager.js";
import { Logger } from "../../src/log/logger.js";
import { DEFAULT_METADATA_OPTIONS } from "../../src/model/instances.js";
import { Model } from "../../src/model/model.js";
import type { InstanceMetadataOptions, InstanceRecord } from "../../src/model/types.js";
import type { ServerConfig } from "../../src/server/context.js";
import { MemoryBlobStore } from "../../src/store/blob-store.js";
import { SqliteStore } from "../../src/store/sqlite-store.js";

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";
export const DELAY_MS = 10_000;

export const EC2_TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
  ],
});

export const LAMBDA_TRUST = EC2_TRUST.replace("ec2.amazonaws.com", "lambda.amazonaws.com");

export interface ImdsFixture {
  clock: AdjustableClock;
  model: Model;
  imds: ImdsManager;
  instance: InstanceRecord;
  endpoint: string;
  /** Creates role + profile and associates it (at launch: associated at once). */
  attachRole(roleName: string, options?: { atLaunch?: boolean; trust?: string }): Promise<void>;
  /** Gives the instance these metadata options (and tags), applied at once. */
  setInstance(change: {
    options?: Partial<InstanceMetadataOptions>;
    tags?: Record<string, string>;
  }): Promise<void>;
  close(): Promise<void>;
}

const silent = new Writable({ write: (_chunk, _encoding, done) => done() });

export async function imdsFixture(): Promise<ImdsFixture> {
  const clock = new AdjustableClock();
  clock.freeze();
  const store = new SqliteStore(":memory:");
  const model = new Model({
    store,
    blobs: new MemoryBlobStore(),
    clock,
    propagationDelayMs: DELAY_MS,
  });
  const config: ServerConfig = {
    host: "127.0.0.1",
    port: 0,
    region: REGION,
    account: ACCOUNT,
    accounts: [ACCOUNT],
    dataDir: undefined,
    propagationDelayMs: DELAY_MS,
    version: "test",
  };
  const log = new Logger({ level: "silent", destination: silent });
  const imds = new ImdsManager({ model, clock, log, config });
  const [instance] = await model.instances.create(
    ACCOUNT,
    { imageId: "ami-0abcdef1234567890", instanceType: "t3.micro", region: REGION },
    1,
  );
  if (!instance) throw new Error("no instance created");
  const endpoint = await imds.start(instance);
  if (endpoint === undefined) throw new Error("the instance's metadata listener did not start");

  return {
    clock,
    model,
    imds,
    instance,
    endpoint,
    async attachRole(roleName, options = {}) {
      const role = await model.roles.create(ACCOUNT, {
        roleName,
        path: "/",
        assumeRolePolicyDocument: options.trust ?? EC2_TRUST,
        maxSessionDuration: 3600,
      });
      const profile = await model.instanceProfiles.create(ACCOUNT, `${roleName}-profile`);
      await model.instanceProfiles.addRole(ACCOUNT, profile.instanceProfileName, role.roleName);
      const stored = await model.instanceProfiles.get(ACCOUNT, profile.instanceProfileName);
      await model.associations.associate(
        ACCOUNT,
        instance.instanceId,
        stored,
        options.atLaunch ?? true,
      );
    },
    async setInstance(change) {
      await model.instances.modify(ACCOUNT, instance.instanceId, (stored) => ({
        ...stored,
        metadataOptions: {
          ...(stored.metadataOptions ?? DEFAULT_METADATA_OPTIONS),
          ...change.options,
        },
        ...(change.tags ? { tags: change.tags } : {}),
      }));
    },
    async close() {
      await imds.close();
      await model.close();
    },
  };
}

/** PUT /latest/api/token with a TTL; returns the token. */
export async function fetchToken(endpoint: string, ttl = "21600"): Promise<string> {
  const response = await fetch(`${endpoint}/latest/api/token`, {
    method: "PUT",
    headers: { "x-aws-ec2-metadata-token-ttl-seconds": ttl },
  });
  if (response.status !== 200) throw new Error(`token request answered ${response.status}`);
  return response.text();
}

export async function get(endpoint: string, path: string, token?: string) {
  const headers: Record<string, string> = token ? { "x-aws-ec2-metadata-token": token } : {};
  const response = await fetch(`${endpoint}${path}`, { headers });
  return { status: response.status, body: await response.text(), headers: response.headers };
}
