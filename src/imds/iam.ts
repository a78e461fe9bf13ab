// The iam/ category: present only while the instance's profile association is effectively
// "associated" on the server clock, as on AWS where it appears once the association propagates.
// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-metadata-security-credentials.html
import type { Clock } from "../clock/clock.js";
import type { AssociationRecord, InstanceRecord, RoleRecord } from "../model/types.js";
import { CREDENTIAL_TYPE, TRUST_DOC_URL } from "./constants.js";
import type { InstanceCredentials, RoleDelivery } from "./credentials.js";
import { imdsJson, isoSeconds } from "./reply.js";
import type { Directory } from "./tree.js";
import { ec2MayAssume } from "./trust.js";

export interface IamView {
  instance: InstanceRecord;
  association: AssociationRecord;
  /** The profile's role, when it has one. */
  role: RoleRecord | undefined;
  /** "2.0" when the request carried an IMDSv2 token. */
  delivery: RoleDelivery;
}

export function iamDirectory(view: IamView, credentials: InstanceCredentials, clock: Clock) {
  const { association, role } = view;
  const securityCredentials: Directory = {};
  if (role) {
    securityCredentials[role.roleName] = function roleCredentials() {
      return credentialsDocument(view, role, credentials, clock);
    };
  }
  return {
    info: imdsJson({
      Code: "Success",
      LastUpdated: isoSeconds(association.since),
      InstanceProfileArn: association.instanceProfileArn,
      InstanceProfileId: association.instanceProfileId,
    }),
    "security-credentials": securityCredentials,
  } satisfies Directory;
}

async function credentialsDocument(
  view: IamView,
  role: RoleRecord,
  credentials: InstanceCredentials,
  clock: Clock,
): Promise<string> {
  // The trust policy is read on every request: fixing it takes effect on the next fetch.
  if (!ec2MayAssume(role, clock)) {
    return imdsJson({
      Code: "AssumeRoleUnauthorizedAccess",
      Message:
        `EC2 cannot assume the role ${role.roleName}.  ` +
        `Please see documentation at ${TRUST_DOC_URL}.`,
      LastUpdated: isoSeconds(clock.now()),
    });
  }
  const session = await credentials.get(view.instance, role, view.delivery);
  return imdsJson({
    Code: "Success",
    LastUpdated: isoSeconds(session.issuedAt),
    Type: CREDENTIAL_TYPE,
    AccessKeyId: session.accessKeyId,
    SecretAccessKey: session.secretAccessKey,
    Token: session.sessionToken,
    Expiration: isoSeconds(session.expiration),
  });
}
