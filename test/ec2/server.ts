// A running keyless for EC2 tests through the AWS SDK, with clients that sign at the server's
// time: the tests move the server clock, and the SDK corrects for skew the same way.
import { EC2Client, RunInstancesCommand, type RunInstancesCommandInput } from "@aws-sdk/client-ec2";
import { IAMClient } from "@aws-sdk/client-iam";
import type { Credentials } from "../support/clients.js";
import { startKeyless, type TestKeyless } from "../support/keyless.js";

export const DELAY_SECONDS = 10;
export const IMAGE = "ami-0123456789abcdef0";

export interface Ec2Server {
  keyless: TestKeyless;
  ec2(credentials?: Credentials): EC2Client;
  iam(): IAMClient;
  /** RunInstances of one instance with these extra parameters; returns its id. */
  launch(input?: Partial<RunInstancesCommandInput>): Promise<string>;
  /** Moves the server clock past the propagation delay. */
  settle(): void;
}

export async function startEc2Server(): Promise<Ec2Server> {
  const keyless = await startKeyless({ propagationDelaySeconds: DELAY_SECONDS });
  const common = (credentials: Credentials) => ({
    endpoint: keyless.endpoint,
    region: "us-east-1",
    maxAttempts: 1,
    credentials: { ...credentials },
    systemClockOffset: keyless.clock.now() - Date.now(),
  });
  const server: Ec2Server = {
    keyless,
    ec2: (credentials = keyless.root) => new EC2Client(common(credentials)),
    iam: () => new IAMClient(common(keyless.root)),
    async launch(input = {}) {
      const reply = await server
        .ec2()
        .send(new RunInstancesCommand({ ImageId: IMAGE, MinCount: 1, MaxCount: 1, ...input }));
      const id = reply.Instances?.[0]?.InstanceId;
      if (!id) throw new Error("RunInstances returned no instance id");
      return id;
    },
    settle: () => keyless.clock.advance(DELAY_SECONDS * 1000),
  };
  return server;
}
