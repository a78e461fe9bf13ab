// ACL headers on requests that write an object (PutObject, CreateMultipartUpload, CopyObject).
// A keyless bucket always has S3's default Object Ownership, BucketOwnerEnforced, under which
// ACLs are disabled: a write may name no ACL, or one that gives the bucket owner full control,
// and any other fails with 400 AccessControlListNotSupported (Amazon S3 User Guide, "Troubleshooting"
// under "Controlling ownership of objects and disabling ACLs for your bucket"). So an application
// that uploads with `public-read` fails here as it would on a new AWS bucket.
import { AwsError } from "../../../errors/aws-error.js";
import type { BucketRecord } from "../../../model/types.js";
import type { S3Call } from "../call.js";
import { canonicalUserId } from "../owner.js";

/** The canned ACLs an object accepts (Amazon S3 API Reference, PutObject: x-amz-acl). */
const OBJECT_CANNED_ACLS = new Set([
  "private",
  "public-read",
  "public-read-write",
  "authenticated-read",
  "aws-exec-read",
  "bucket-owner-read",
  "bucket-owner-full-control",
]);
const OWNER_FULL_CONTROL = "bucket-owner-full-control";
const GRANT_HEADERS = [
  "x-amz-grant-full-control",
  "x-amz-grant-read",
  "x-amz-grant-read-acp",
  "x-amz-grant-write-acp",
];

const notSupported = () => new AwsError("AccessControlListNotSupported");

/** Refuses the ACL a write names unless it is the bucket owner's full control, or none. */
export function refuseObjectAcl(call: S3Call, bucket: BucketRecord): void {
  const canned = call.header("x-amz-acl");
  if (canned !== undefined) {
    if (!OBJECT_CANNED_ACLS.has(canned)) {
      throw new AwsError(
        "InvalidArgument",
        `x-amz-acl must be one of ${[...OBJECT_CANNED_ACLS].join(", ")}.`,
        { fields: { ArgumentName: "x-amz-acl", ArgumentValue: canned } },
      );
    }
    if (canned !== OWNER_FULL_CONTROL) throw notSupported();
  }
  for (const name of GRANT_HEADERS) {
    const grant = call.header(name);
    if (grant === undefined) continue;
    // The explicit form of bucket-owner-full-control is the one grant a disabled ACL allows.
    const ownerOnly = `id="${canonicalUserId(bucket.account)}"`;
    if (name !== "x-amz-grant-full-control" || grant.trim() !== ownerOnly) throw notSupported();
  }
}
