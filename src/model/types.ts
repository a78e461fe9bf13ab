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
  /** The managed policy that caps the user's permissions, when one is set. */
  permissionsBoundaryArn?: string;
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
  /**
   * The unique ID of each user and role ARN the trust policy named when it was saved. Absent for
   * a role saved before keyless kept them: its trust policy matches those ARNs as written.
   */
  trustPrincipalIds?: Record<string, string>;
  description?: string;
  maxSessionDuration: number;
  /** The managed policy that caps the role's permissions, when one is set. */
  permissionsBoundaryArn?: string;
}

/** The IAM identities that policies attach to. */
export type PolicyOwnerType = "user" | "role" | "group";

export interface InlinePolicyRecord {
  account: string;
  ownerType: PolicyOwnerType;
  ownerName: string;
  policyName: string;
  document: string;
}

export interface GroupRecord {
  account: string;
  groupName: string;
  groupId: string;
  path: string;
  arn: string;
  createDate: number;
}

/** A user's membership of a group. */
export interface MembershipRecord {
  account: string;
  groupName: string;
  userName: string;
}

export interface PolicyVersionRecord {
  versionId: string;
  /** The document as the client sent it. */
  document: string;
  createDate: number;
}

/** A customer managed policy; its versions live in the record (five at most). */
export interface ManagedPolicyRecord {
  account: string;
  policyName: string;
  policyId: string;
  path: string;
  arn: string;
  description?: string;
  createDate: number;
  updateDate: number;
  defaultVersionId: string;
  /** Version ids are never reused: the next one is v{nextVersion}. */
  nextVersion: number;
  versions: PolicyVersionRecord[];
}

/** A managed policy attached to a user, role or group. */
export interface AttachmentRecord {
  account: string;
  ownerType: PolicyOwnerType;
  ownerName: string;
  policyArn: string;
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

/** An instance's metadata options (API reference, InstanceMetadataOptionsResponse). */
export interface InstanceMetadataOptions {
  httpTokens: "optional" | "required";
  httpEndpoint: "enabled" | "disabled";
  /** Kept and reported; a loopback listener cannot enforce an IP hop limit (see src/imds/). */
  httpPutResponseHopLimit: number;
  httpProtocolIpv6: "enabled" | "disabled";
  instanceMetadataTags: "enabled" | "disabled";
}

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
  /** The options last asked for; absent on older records, which have the launch defaults. */
  metadataOptions?: InstanceMetadataOptions;
  /** The options in force before the last change, until that change is applied. */
  previousMetadataOptions?: InstanceMetadataOptions;
  /** When the options last changed; with the propagation delay it decides pending/applied. */
  metadataOptionsSince?: number;
  /** Tag key to value, in the order the keys were first set. */
  tags?: Record<string, string>;
  /** The launch's UserData, base64 as RunInstances received it. */
  userData?: string;
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
  /** AssumeRole's Policy parameter, as sent. */
  sessionPolicy?: string;
  /** AssumeRole's PolicyArns. */
  sessionPolicyArns?: string[];
  /** Session tags (aws:PrincipalTag/* for the session), and which of them pass on when chaining. */
  tags?: Record<string, string>;
  transitiveTagKeys?: string[];
  sourceIdentity?: string;
}

/** GetSessionToken: temporary credentials that act as the user (or root) who asked for them. */
export interface UserSessionRecord {
  kind: "user";
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  account: string;
  /** The long-lived key the session was made from. */
  parentAccessKeyId: string;
  issuedAt: number;
  expiration: number;
}

/** A bucket's four Block Public Access settings (API Reference, PublicAccessBlockConfiguration). */
export interface PublicAccessBlock {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}

export interface BucketRecord {
  name: string;
  account: string;
  region: string;
  createDate: number;
  /** The bucket policy as the client sent it, when one is set. */
  policy?: string;
  /**
   * The unique ID of each user and role ARN the policy named when it was put. Absent for a
   * policy put before keyless kept them: it matches those ARNs as written.
   */
  policyPrincipalIds?: Record<string, string>;
  /** Absent when the bucket has no Block Public Access configuration. */
  publicAccessBlock?: PublicAccessBlock;
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
  /**
   * Checksums by wire name (CRC32, SHA256). A multipart object's composite checksum ends in
   * "-N", N being its number of parts, as S3 writes it.
   */
  checksums: Record<string, string>;
  /** Content-Encoding, Cache-Control and the other stored system headers, by header name. */
  headers?: Record<string, string>;
  /** Object tags, key to value, in the order they were given. */
  tags?: Record<string, string>;
  /**
   * A multipart object's part sizes, in order: GetObject and HeadObject with ?partNumber=N
   * answer the Nth. Absent for an object written whole.
   */
  partSizes?: number[];
}

/** A multipart upload in progress: what the object will be once the upload completes. */
export interface UploadRecord {
  uploadId: string;
  bucket: string;
  key: string;
  initiated: number;
  /** The account and ARN of the caller who created the upload. */
  initiator: { account: string; arn: string };
  contentType: string;
  metadata: Record<string, string>;
  headers?: Record<string, string>;
  tags?: Record<string, string>;
  /** The wire name (CRC32, SHA256, …) given at creation; each part is checksummed with it. */
  checksumAlgorithm?: string;
  checksumType?: "COMPOSITE" | "FULL_OBJECT";
}

/** One uploaded part; a part uploaded again under its number replaces the earlier one. */
export interface PartRecord {
  uploadId: string;
  partNumber: number;
  blobId: string;
  size: number;
  /** The quoted hex MD5 of the part's bytes. */
  etag: string;
  lastModified: number;
  /** The part's checksum in the upload's algorithm, base64. */
  checksum?: string;
}

/** Who a request comes from; "Anonymous" for an S3 request that carries no signature. */
export interface Caller {
  type: "Root" | "IAMUser" | "AssumedRole" | "Anonymous";
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
  /** Set when the call is signed with GetSessionToken credentials. */
  userSession?: UserSessionRecord;
}
