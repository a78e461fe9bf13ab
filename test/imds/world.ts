// A running keyless with roles and instance profiles made through the AWS SDK, an instance
// launched with one of them, and the SDK's own IMDS credential provider pointed at that
// instance's metadata listener: the setting of the end-to-end IMDS tests.
import { EC2Client, RunInstancesCommand } from "@aws-sdk/client-ec2";
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
} from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { fromInstanceMetadata } from "@smithy/credential-provider-imds";
import { clients } from "../support/clients.js";
import { startKeyless, type TestKeyless } from "../support/keyless.js";
import { EC2_TRUST } from "./fixture.js";

export const DELAY_SECONDS = 10;
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
const ENDPOINT_VARIABLE = "AWS_EC2_METADATA_SERVICE_ENDPOINT";

export type ImdsProvider = ReturnType<typeof fromInstanceMetadata>;
export type ImdsCredentials = Awaited<ReturnType<ImdsProvider>>;

export interface World {
  keyless: TestKeyless;
  /** An EC2 client as root, signing at the server's time (the SDK corrects for skew so). */
  ec2(): EC2Client;
  instanceId: string;
  imdsEndpoint: string;
  /** The SDK's provider, as an application's credential chain would hold it. */
  provider(): ImdsProvider;
  /** The role whose session these credentials are, asked of STS with them. */
  roleOf(credentials: ImdsCredentials): Promise<string>;
  close(): Promise<void>;
}

/** Makes a role trusted by EC2 and a profile of the same name holding it, for each name. */
export async function openWorld(profiles: string[], launchWith: string): Promise<World> {
  const keyless = await startKeyless({ propagationDelaySeconds: DELAY_SECONDS });
  const { iam, ec2 } = clients(keyless.endpoint, keyless.root);
  for (const name of profiles) {
    await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: EC2_TRUST }));
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: name }));
    await iam.send(
      new AddRoleToInstanceProfileCommand({ InstanceProfileName: name, RoleName: name }),
    );
  }
  const run = await ec2.send(
    new RunInstancesCommand({
      ImageId: "ami-0123456789abcdef0",
      MinCount: 1,
      MaxCount: 1,
      IamInstanceProfile: { Name: launchWith },
    }),
  );
  const instanceId = run.Instances?.[0]?.InstanceId ?? "";
  const imdsEndpoint = keyless.app.imds.endpoint(instanceId) ?? "";
  if (!imdsEndpoint) throw new Error(`instance ${instanceId} has no metadata listener`);

  const saved = process.env[ENDPOINT_VARIABLE];
  process.env[ENDPOINT_VARIABLE] = imdsEndpoint;
  const atServerTime = () => ({
    endpoint: keyless.endpoint,
    region: "us-east-1",
    maxAttempts: 1,
    systemClockOffset: keyless.clock.now() - Date.now(),
  });
  return {
    keyless,
    ec2: () => new EC2Client({ ...atServerTime(), credentials: { ...keyless.root } }),
    instanceId,
    imdsEndpoint,
    provider: () => fromInstanceMetadata({ maxRetries: 0, logger: quiet }),
    async roleOf(credentials) {
      const sts = new STSClient({ ...atServerTime(), credentials: { ...credentials } });
      const identity = await sts.send(new GetCallerIdentityCommand({}));
      return identity.Arn?.split("/")[1] ?? `no role in ${identity.Arn}`;
    },
    async close() {
      if (saved === undefined) delete process.env[ENDPOINT_VARIABLE];
      else process.env[ENDPOINT_VARIABLE] = saved;
      await keyless.stop();
    },
  };
}

/** The SDK logs its static-stability fallback on the console; the tests assert on it instead. */
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
