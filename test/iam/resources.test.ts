// The resources IAM asks about where the Service Authorization Reference is silent or adds a
// second action: list calls are asked on the entity type's path ARN (as IAM's own AccessDenied
// messages name it), and adding a role to an instance profile needs iam:PassRole on the role.
// And the tags keyless does not keep are refused, not dropped.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetUserCommand,
  ListGroupsCommand,
  ListInstanceProfilesCommand,
  ListRolesCommand,
  ListUsersCommand,
} from "@aws-sdk/client-iam";
import { clients } from "../support/clients.js";
import { startKeyless, type TestKeyless } from "../support/keyless.js";
import { allow, policy, userWithKey } from "../support/principals.js";

const ACCOUNT = "123456789012";
const EC2_TRUST = policy({
  Effect: "Allow",
  Principal: { Service: "ec2.amazonaws.com" },
  Action: "sts:AssumeRole",
});

let keyless: TestKeyless;
before(async () => {
  keyless = await startKeyless();
});
after(() => keyless.stop());

const denied = (action: string, resource: string) => (error: Error) => {
  assert.equal(error.name, "AccessDenied", error.message);
  assert.match(error.message, new RegExp(`perform: ${action} on resource: ${resource} `));
  return true;
};

test("ListUsers, ListRoles, ListGroups and ListInstanceProfiles are asked on the type's path ARN", async () => {
  const lister = await userWithKey(
    keyless.endpoint,
    keyless.root,
    "path-lister",
    allow(
      ["iam:ListUsers", "iam:ListRoles", "iam:ListGroups", "iam:ListInstanceProfiles"],
      [
        `arn:aws:iam::${ACCOUNT}:user/*`,
        `arn:aws:iam::${ACCOUNT}:role/*`,
        `arn:aws:iam::${ACCOUNT}:group/*`,
        `arn:aws:iam::${ACCOUNT}:instance-profile/*`,
      ],
    ),
    {
      Effect: "Deny",
      Action: "iam:ListRoles",
      Resource: `arn:aws:iam::${ACCOUNT}:role/secret/*`,
    },
  );
  const { iam } = clients(keyless.endpoint, lister);
  await iam.send(new ListUsersCommand({}));
  await iam.send(new ListGroupsCommand({}));
  await iam.send(new ListInstanceProfilesCommand({}));
  await iam.send(new ListRolesCommand({ PathPrefix: "/team/" }));
  // The path prefix is part of the resource, so a deny on role/secret/* stops that listing only.
  await assert.rejects(
    iam.send(new ListRolesCommand({ PathPrefix: "/secret/" })),
    denied("iam:ListRoles", `arn:aws:iam::${ACCOUNT}:role/secret/`),
  );

  const nobody = clients(
    keyless.endpoint,
    await userWithKey(keyless.endpoint, keyless.root, "path-nobody"),
  );
  await assert.rejects(
    nobody.iam.send(new ListUsersCommand({})),
    denied("iam:ListUsers", `arn:aws:iam::${ACCOUNT}:user/`),
  );
});

test("AddRoleToInstanceProfile needs iam:PassRole on the role, as the API Reference says", async () => {
  const root = clients(keyless.endpoint, keyless.root);
  await root.iam.send(
    new CreateRoleCommand({ RoleName: "Handed", AssumeRolePolicyDocument: EC2_TRUST }),
  );
  for (const name of ["WithoutPass", "WithPass"]) {
    await root.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: name }));
  }
  const profiles = allow("iam:AddRoleToInstanceProfile");
  const withoutPass = clients(
    keyless.endpoint,
    await userWithKey(keyless.endpoint, keyless.root, "no-pass", profiles),
  );
  await assert.rejects(
    withoutPass.iam.send(
      new AddRoleToInstanceProfileCommand({
        InstanceProfileName: "WithoutPass",
        RoleName: "Handed",
      }),
    ),
    denied("iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/Handed`),
  );

  // Passing to EC2, for any instance of the account: the condition keys the call carries.
  const withPass = clients(
    keyless.endpoint,
    await userWithKey(keyless.endpoint, keyless.root, "can-pass", profiles, {
      ...allow("iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/Handed`),
      Condition: {
        StringEquals: {
          "iam:PassedToService": "ec2.amazonaws.com",
          "iam:AssociatedResourceArn": `arn:aws:ec2:*:${ACCOUNT}:instance/*`,
        },
      },
    }),
  );
  await withPass.iam.send(
    new AddRoleToInstanceProfileCommand({ InstanceProfileName: "WithPass", RoleName: "Handed" }),
  );
});

test("a Create call that brings IAM tags is refused whole, since keyless keeps no tags yet", async () => {
  const { iam } = clients(keyless.endpoint, keyless.root);
  const tags = [{ Key: "team", Value: "blue" }];
  await assert.rejects(iam.send(new CreateUserCommand({ UserName: "tagged", Tags: tags })), {
    name: "InvalidInputException",
    message:
      'keyless does not keep IAM tags yet: call CreateUser without Tags (README, "Not yet").',
  });
  await assert.rejects(iam.send(new GetUserCommand({ UserName: "tagged" })), {
    name: "NoSuchEntityException",
  });
  // A caller who may not create users hears that first.
  const nobody = clients(
    keyless.endpoint,
    await userWithKey(keyless.endpoint, keyless.root, "tag-nobody"),
  ).iam;
  await assert.rejects(nobody.send(new CreateUserCommand({ UserName: "tagged", Tags: tags })), {
    name: "AccessDenied",
  });
  await assert.rejects(
    iam.send(
      new CreateRoleCommand({
        RoleName: "tagged",
        AssumeRolePolicyDocument: EC2_TRUST,
        Tags: tags,
      }),
    ),
    { name: "InvalidInputException" },
  );
});
