// Small builders for the principals tests need: a user with a key and policies, a role.
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { type Credentials, clients } from "./clients.js";

export type Statement = Record<string, unknown>;

export const policy = (...statements: Statement[]): string =>
  JSON.stringify({ Version: "2012-10-17", Statement: statements });

export const allow = (action: string | string[], resource: string | string[] = "*"): Statement => ({
  Effect: "Allow",
  Action: action,
  Resource: resource,
});

/** A user with an access key and, if given, one inline policy. */
export async function userWithKey(
  endpoint: string,
  root: Credentials,
  userName: string,
  ...statements: Statement[]
): Promise<Credentials> {
  const { iam } = clients(endpoint, root);
  await iam.send(new CreateUserCommand({ UserName: userName }));
  if (statements.length > 0) {
    await iam.send(
      new PutUserPolicyCommand({
        UserName: userName,
        PolicyName: "inline",
        PolicyDocument: policy(...statements),
      }),
    );
  }
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
  return {
    accessKeyId: AccessKey?.AccessKeyId as string,
    secretAccessKey: AccessKey?.SecretAccessKey as string,
  };
}

/** A role with a trust policy and, if given, one inline permissions policy. */
export async function role(
  endpoint: string,
  root: Credentials,
  roleName: string,
  trust: Statement[],
  permissions: Statement[] = [],
  maxSessionDuration?: number,
): Promise<string> {
  const { iam } = clients(endpoint, root);
  const created = await iam.send(
    new CreateRoleCommand({
      RoleName: roleName,
      AssumeRolePolicyDocument: policy(...trust),
      ...(maxSessionDuration ? { MaxSessionDuration: maxSessionDuration } : {}),
    }),
  );
  if (permissions.length > 0) {
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: roleName,
        PolicyName: "inline",
        PolicyDocument: policy(...permissions),
      }),
    );
  }
  return created.Role?.Arn as string;
}

export const trustAccount = (account: string, extra: Statement = {}): Statement => ({
  Effect: "Allow",
  Principal: { AWS: `arn:aws:iam::${account}:root` },
  Action: "sts:AssumeRole",
  ...extra,
});

/** A user with an access key and no policy, and the unique id IAM gave it (AIDA…). */
export async function userWithId(
  endpoint: string,
  root: Credentials,
  userName: string,
): Promise<{ id: string; credentials: Credentials }> {
  const { iam } = clients(endpoint, root);
  const { User } = await iam.send(new CreateUserCommand({ UserName: userName }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
  const credentials = {
    accessKeyId: AccessKey?.AccessKeyId as string,
    secretAccessKey: AccessKey?.SecretAccessKey as string,
  };
  return { id: User?.UserId as string, credentials };
}

/** Deletes a user made by userWithId: its access key first, as IAM requires. */
export async function deleteUserWithKey(
  endpoint: string,
  root: Credentials,
  userName: string,
  credentials: Credentials,
): Promise<void> {
  const { iam } = clients(endpoint, root);
  const AccessKeyId = credentials.accessKeyId;
  await iam.send(new DeleteAccessKeyCommand({ UserName: userName, AccessKeyId }));
  await iam.send(new DeleteUserCommand({ UserName: userName }));
}
