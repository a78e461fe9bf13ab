// The iam/ category: present while the instance has a profile association in effect (see
// Associations.served), with info/ and security-credentials/ROLE.
// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-metadata-security-credentials.html
// The info document reports problems with a Code other than Success, as IAM's troubleshooting
// guide lists them ("What do the errors from the info document in the IAM subtree mean?"):
// InstanceProfileNotFound when the profile was deleted, AssumeRoleUnauthorizedAccess when the
// role's trust policy does not let EC2 assume it.
import type { Clock } from "../clock/clock.js";
import { isoSeconds } from "../clock/time-text.js";
import type { InstanceRecord, RoleRecord } from "../model/types.js";
import { CREDENTIAL_TYPE, INFO_CODE, TRUST_DOC_URL } from "./constants.js";
import type { InstanceCredentials, RoleDelivery } from "./credentials.js";
import type { ServedProfile } from "./instance-profile.js";
import { imdsJson } from "./reply.js";
import type { Directory } from "./tree.js";
import { ec2MayAssume } from "./trust.js";

export interface IamView {
  instance: InstanceRecord;
  served: ServedProfile;
  /** "2.0" when the request carried an IMDSv2 token. */
  delivery: RoleDelivery;
}

export function iamDirectory(view: IamView, credentials: InstanceCredentials, clock: Clock) {
  const { role } = view.served;
  const securityCredentials: Directory = {};
  if (role) {
    securityCredentials[role.roleName] = function roleCredentials() {
      return credentialsDocument(view, role, credentials, clock);
    };
  }
  return {
    info: infoDocument(view.served, clock),
    "security-credentials": securityCredentials,
  } satisfies Directory;
}

function infoDocument({ association, profile, role }: ServedProfile, clock: Clock): string {
  if (!profile) {
    return imdsJson({
      Code: INFO_CODE.profileNotFound,
      Message:
        `Instance profile ${association.instanceProfileArn} (${association.instanceProfileId}) ` +
        "no longer exists. Associate an existing instance profile with the instance.",
      LastUpdated: isoSeconds(clock.now()),
    });
  }
  // The trust policy is read on every request: fixing it takes effect on the next fetch.
  if (role && !ec2MayAssume(role, clock)) return unauthorized(role, clock);
  return imdsJson({
    Code: INFO_CODE.success,
    LastUpdated: isoSeconds(association.since),
    InstanceProfileArn: association.instanceProfileArn,
    InstanceProfileId: association.instanceProfileId,
  });
}

async function credentialsDocument(
  view: IamView,
  role: RoleRecord,
  credentials: InstanceCredentials,
  clock: Clock,
): Promise<string> {
  if (!ec2MayAssume(role, clock)) return unauthorized(role, clock);
  const session = await credentials.get(view.instance, role, view.delivery);
  return imdsJson({
    Code: INFO_CODE.success,
    LastUpdated: isoSeconds(session.issuedAt),
    Type: CREDENTIAL_TYPE,
    AccessKeyId: session.accessKeyId,
    SecretAccessKey: session.secretAccessKey,
    Token: session.sessionToken,
    Expiration: isoSeconds(session.expiration),
  });
}

const unauthorized = (role: RoleRecord, clock: Clock): string =>
  imdsJson({
    Code: INFO_CODE.unauthorized,
    Message:
      `EC2 cannot assume the role ${role.roleName}.  ` +
      `Please see documentation at ${TRUST_DOC_URL}.`,
    LastUpdated: isoSeconds(clock.now()),
  });
