// The records keyless keeps. Times are epoch milliseconds of the server clock.

export interface AccountRecord {
  id: string;
  rootAccessKeyId: string;
}

export type KeyOwner = { type: "root" } | { type: "user"; userName: string; userId: string };

export interface AccessKeyRecord {
  accessKeyId: string;
  secretAccessKey: string;
  account: string;
  owner: KeyOwner;
  status: "Active" | "Inactive";
  createDate: number;
}

export interface UserRecord {
  account: string;
  userName: string;
  userId: string;
  path: string;
  arn: string;
  createDate: number;
}

export interface RoleRecord {
  account: string;
  roleName: string;
  roleId: string;
  path: string;
  arn: string;
  createDate: number;
  /** The trust policy as the client sent it. */
  assumeRolePolicyDocument: string;
  description?: string;
  maxSessionDuration: number;
}

export type PolicyOwnerType = "user" | "role";

export interface InlinePolicyRecord {
  account: string;
  ownerType: PolicyOwnerType;
  ownerName: string;
  policyName: string;
  document: string;
}

export interface InstanceProfileRecord {
  account: string;
  instanceProfileName: string;
  instanceProfileId: string;
  path: string;
  arn: string;
  createDate: number;
  roleNames: string[];
}

export type InstanceState = "pending" | "running" | "shutting-down" | "terminated";

export interface InstanceRecord {
  account: string;
  instanceId: string;
  reservationId: string;
  imageId: string;
  instanceType: string;
  region: string;
  availabilityZone: string;
  privateIpAddress: string;
  launchTime: number;
  state: InstanceState;
  /** The IMDS listener's port on 127.0.0.1, kept across restarts when free. */
  imdsPort: number;
}

/** Stored states; "associated" and "disassociated" are reached by time (see associations.ts). */
export type AssociationState = "associating" | "associated" | "disassociating" | "disassociated";

export interface AssociationRecord {
  associationId: string;
  account: string;
  instanceId: string;
  instanceProfileArn: string;
  instanceProfileId: string;
  state: AssociationState;
  /** When the state last changed; with the propagation delay it decides the effective state. */
  since: number;
}

export interface SessionRecord {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  account: string;
  roleArn: string;
  roleName: string;
  roleId: string;
  rolePath: string;
  sessionName: string;
  issuedAt: number;
  expiration: number;
  /** For credentials delivered by IMDS: the instance, and the IMDS version that delivered them. */
  sourceInstanceArn?: string;
  roleDelivery?: "1.0" | "2.0";
}

export interface BucketRecord {
  name: string;
  account: string;
  region: string;
  createDate: number;
}

export interface ObjectRecord {
  bucket: string;
  key: string;
  blobId: string;
  size: number;
  etag: string;
  lastModified: number;
  contentType: string;
  metadata: Record<string, string>;
  checksums: Record<string, string>;
}

/** Who an authenticated request comes from. */
export interface Caller {
  type: "Root" | "IAMUser" | "AssumedRole";
  account: string;
  /** User ARN, assumed-role session ARN, or arn:aws:iam::ACCOUNT:root. */
  arn: string;
  /** For an assumed role, the role's ARN; otherwise the same as arn. */
  principalArn: string;
  /** AWS's userid: AIDA… for a user, AROA…:SESSION for a role session, the account for root. */
  userId: string;
  accessKeyId: string;
  userName?: string;
  session?: SessionRecord;
}
