// The setup of the EC2-role walk-through, done with the JS SDK as root: a role EC2 may assume,
// a read-only policy on my-app-bucket, an instance profile, an instance associated with it.
import {
  AssociateIamInstanceProfileCommand,
  DescribeIamInstanceProfileAssociationsCommand,
  RunInstancesCommand,
} from "@aws-sdk/client-ec2";
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { clients } from "./clients.js";
import type { TestKeyless } from "./keyless.js";

export const EC2_TRUST_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
  ],
});

export const S3_READ_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:ListBucket"],
      Resource: ["arn:aws:s3:::my-app-bucket", "arn:aws:s3:::my-app-bucket/*"],
    },
  ],
});

export const CONFIG_BODY = '{"feature":"on"}';

/** Sets everything up and returns the instance id once its association is `associated`. */
export async function setUpRolePath(keyless: TestKeyless): Promise<string> {
  const root = clients(keyless.endpoint, keyless.root);
  await root.iam.send(
    new CreateRoleCommand({
      RoleName: "EC2S3ReadRole",
      AssumeRolePolicyDocument: EC2_TRUST_POLICY,
    }),
  );
  await root.iam.send(
    new PutRolePolicyCommand({
      RoleName: "EC2S3ReadRole",
      PolicyName: "S3ReadAccess",
      PolicyDocument: S3_READ_POLICY,
    }),
  );
  await root.iam.send(
    new CreateInstanceProfileCommand({ InstanceProfileName: "EC2S3ReadProfile" }),
  );
  await root.iam.send(
    new AddRoleToInstanceProfileCommand({
      InstanceProfileName: "EC2S3ReadProfile",
      RoleName: "EC2S3ReadRole",
    }),
  );
  await root.s3.send(new CreateBucketCommand({ Bucket: "my-app-bucket" }));
  await root.s3.send(
    new PutObjectCommand({ Bucket: "my-app-bucket", Key: "config.json", Body: CONFIG_BODY }),
  );

  const run = await root.ec2.send(
    new RunInstancesCommand({ ImageId: "ami-0abcdef1234567890", MinCount: 1, MaxCount: 1 }),
  );
  const instanceId = run.Instances?.[0]?.InstanceId as string;
  await root.ec2.send(
    new AssociateIamInstanceProfileCommand({
      InstanceId: instanceId,
      IamInstanceProfile: { Name: "EC2S3ReadProfile" },
    }),
  );
  await waitForAssociated(keyless, instanceId);
  return instanceId;
}

/** Moves the clock past the propagation delay, checking the state AWS's way. */
export async function waitForAssociated(keyless: TestKeyless, instanceId: string) {
  const root = clients(keyless.endpoint, keyless.root);
  const describe = () =>
    root.ec2.send(
      new DescribeIamInstanceProfileAssociationsCommand({
        Filters: [{ Name: "instance-id", Values: [instanceId] }],
      }),
    );
  const before = await describe();
  const first = before.IamInstanceProfileAssociations?.[0]?.State;
  if (first !== "associating") throw new Error(`a new association was ${first}, not associating`);
  keyless.clock.advance(keyless.app.config.propagationDelayMs);
  const after = await describe();
  const state = after.IamInstanceProfileAssociations?.[0]?.State;
  if (state !== "associated") throw new Error(`after the delay the association was ${state}`);
}
