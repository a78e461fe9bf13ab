// Policy conditions and variables filled from live requests, with the real SDK: who called,
// from where, what they listed, and how their instance credentials were delivered.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { RunInstancesCommand } from "@aws-sdk/client-ec2";
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { type Credentials, clients } from "../support/clients.js";
import { startKeyless, type TestKeyless } from "../support/keyless.js";
import { allow, policy, role, userWithKey } from "../support/principals.js";
import { EC2_TRUST_POLICY } from "../support/walkthrough.js";

let keyless: TestKeyless;
before(async () => {
  keyless = await startKeyless();
  await clients(keyless.endpoint, keyless.root).s3.send(
    new CreateBucketCommand({ Bucket: "homes" }),
  );
});
after(() => keyless.stop());

const denied = { name: "AccessDenied" };

test("${aws:username} and s3:prefix confine each user to a home prefix of one bucket", async () => {
  const home = [
    {
      ...allow("s3:ListBucket", "arn:aws:s3:::homes"),
      Condition: { StringLike: { "s3:prefix": ["home/${aws:username}/*"] } },
    },
    allow(["s3:GetObject", "s3:PutObject"], "arn:aws:s3:::homes/home/${aws:username}/*"),
  ];
  const alice = clients(
    keyless.endpoint,
    await userWithKey(keyless.endpoint, keyless.root, "alice", ...home),
  ).s3;
  await userWithKey(keyless.endpoint, keyless.root, "bob", ...home);

  await alice.send(
    new PutObjectCommand({ Bucket: "homes", Key: "home/alice/notes.txt", Body: "mine" }),
  );
  await assert.rejects(
    alice.send(new PutObjectCommand({ Bucket: "homes", Key: "home/bob/notes.txt", Body: "x" })),
    denied,
  );
  const listed = await alice.send(
    new ListObjectsV2Command({ Bucket: "homes", Prefix: "home/alice/" }),
  );
  assert.deepEqual(
    listed.Contents?.map((o) => o.Key),
    ["home/alice/notes.txt"],
  );
  await assert.rejects(
    alice.send(new ListObjectsV2Command({ Bucket: "homes", Prefix: "home/bob/" })),
    denied,
  );
  await assert.rejects(
    alice.send(new ListObjectsV2Command({ Bucket: "homes" })),
    denied,
    "listing without a prefix",
  );
});

test("an aws:SourceIp condition denies requests from outside the allowed network", async () => {
  const inside = await userWithKey(
    keyless.endpoint,
    keyless.root,
    "inside",
    allow("s3:ListBucket"),
    {
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: { NotIpAddress: { "aws:SourceIp": ["127.0.0.0/8", "::1/128"] } },
    },
  );
  await clients(keyless.endpoint, inside).s3.send(new ListObjectsV2Command({ Bucket: "homes" }));
  const outside = await userWithKey(
    keyless.endpoint,
    keyless.root,
    "outside",
    allow("s3:ListBucket"),
    {
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: { NotIpAddress: { "aws:SourceIp": "203.0.113.0/24" } },
    },
  );
  await assert.rejects(
    clients(keyless.endpoint, outside).s3.send(new ListObjectsV2Command({ Bucket: "homes" })),
    (error: Error) => {
      assert.equal(error.name, "AccessDenied");
      assert.match(error.message, /with an explicit deny in an identity-based policy/);
      return true;
    },
  );
});

/** Role credentials from the instance's IMDS, fetched with v1 (no token) or v2. */
async function imdsCredentials(endpoint: string, version: 1 | 2): Promise<Credentials> {
  const headers: Record<string, string> = {};
  if (version === 2) {
    const token = await fetch(`${endpoint}/latest/api/token`, {
      method: "PUT",
      headers: { "x-aws-ec2-metadata-token-ttl-seconds": "60" },
    });
    headers["x-aws-ec2-metadata-token"] = await token.text();
  }
  const base = `${endpoint}/latest/meta-data/iam/security-credentials/`;
  const roleName = (await (await fetch(base, { headers })).text()).trim();
  const body = (await (await fetch(base + roleName, { headers })).json()) as Record<string, string>;
  return {
    accessKeyId: body.AccessKeyId as string,
    secretAccessKey: body.SecretAccessKey as string,
    sessionToken: body.Token as string,
  };
}

test("an ec2:RoleDelivery condition lets IMDSv2 credentials through and stops IMDSv1 ones", async () => {
  const root = clients(keyless.endpoint, keyless.root);
  await role(keyless.endpoint, keyless.root, "V2Only", JSON.parse(EC2_TRUST_POLICY).Statement);
  await root.iam.send(
    new PutRolePolicyCommand({
      RoleName: "V2Only",
      PolicyName: "list-with-v2",
      PolicyDocument: policy({
        ...allow("s3:ListBucket", "arn:aws:s3:::homes"),
        Condition: { NumericGreaterThanEquals: { "ec2:RoleDelivery": "2.0" } },
      }),
    }),
  );
  await root.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: "V2Only" }));
  await root.iam.send(
    new AddRoleToInstanceProfileCommand({ InstanceProfileName: "V2Only", RoleName: "V2Only" }),
  );
  const run = await root.ec2.send(
    new RunInstancesCommand({
      ImageId: "ami-0abcdef1234567890",
      MinCount: 1,
      MaxCount: 1,
      IamInstanceProfile: { Name: "V2Only" },
    }),
  );
  const endpoint = keyless.app.imds.endpoint(run.Instances?.[0]?.InstanceId as string) as string;

  const v2 = await imdsCredentials(endpoint, 2);
  await clients(keyless.endpoint, v2).s3.send(new ListObjectsV2Command({ Bucket: "homes" }));
  const v1 = await imdsCredentials(endpoint, 1);
  assert.notEqual(v1.accessKeyId, v2.accessKeyId, "v1 and v2 deliveries are separate sessions");
  await assert.rejects(
    clients(keyless.endpoint, v1).s3.send(new ListObjectsV2Command({ Bucket: "homes" })),
    denied,
  );
});
