// ACL headers on requests that make a bucket or write an object. A keyless bucket always has
// S3's default Object Ownership, BucketOwnerEnforced, under which ACLs are disabled (Amazon S3
// User Guide, "Troubleshooting" under "Controlling ownership of objects and disabling ACLs for
// your bucket"):
// - a write may name no ACL, or one that gives the bucket owner full control; any other fails
//   with 400 AccessControlListNotSupported;
// - CreateBucket may not give anyone but the owner access: 400 InvalidBucketAclWithObjectOwnership.
// So an application that uploads with `public-read` fails here as it would on a new AWS bucket.
import { AwsError } from "../../errors/aws-error.js";
import type { S3Call } from "./call.js";
import { canonicalUserId } from "./owner.js";

/** The canned ACLs of PutObject's x-amz-acl (Amazon S3 API Reference, PutObject). */
const OBJECT_CANNED_ACLS = [
  "private",
  "public-read",
  "public-read-write",
  "authenticated-read",
  "aws-exec-read",
  "bucket-owner-read",
  "bucket-owner-full-control",
];
/** The canned ACLs of CreateBucket's x-amz-acl (Amazon S3 API Reference, CreateBucket). */
const BUCKET_CANNED_ACLS = ["private", "public-read", "public-read-write", "authenticated-read"];
const OBJECT_GRANTS = [
  "x-amz-grant-full-control",
  "x-amz-grant-read",
  "x-amz-grant-read-acp",
  "x-amz-grant-write-acp",
];
const BUCKET_GRANTS = [...OBJECT_GRANTS, "x-amz-grant-write"];
const OWNERSHIP = "x-amz-object-ownership";

/** The canned ACL the request names, if any; one S3 does not know is InvalidArgument. */
function cannedAcl(call: S3Call, known: readonly string[]): string | undefined {
  const canned = call.header("x-amz-acl");
  if (canned === undefined || known.includes(canned)) return canned;
  throw new AwsError("InvalidArgument", `x-amz-acl must be one of ${known.join(", ")}.`, {
    fields: { ArgumentName: "x-amz-acl", ArgumentValue: canned },
  });
}

/**
 * True when a grant header gives access to anyone but the owner. The explicit form of full
 * control for the owner, `id="<canonical user id>"`, is the one grant a disabled ACL allows.
 */
function grantsOthers(call: S3Call, names: readonly string[], account: string): boolean {
  const ownerOnly = `id="${canonicalUserId(account)}"`;
  return names.some((name) => {
    const grant = call.header(name);
    if (grant === undefined) return false;
    return name !== "x-amz-grant-full-control" || grant.trim() !== ownerOnly;
  });
}

/** PutObject, CreateMultipartUpload, CopyObject: no ACL but the owner's full control. */
export function refuseObjectAcl(call: S3Call, bucketAccount: string): void {
  const canned = cannedAcl(call, OBJECT_CANNED_ACLS);
  const others = grantsOthers(call, OBJECT_GRANTS, bucketAccount);
  if ((canned !== undefined && canned !== "bucket-owner-full-control") || others) {
    throw new AwsError("AccessControlListNotSupported");
  }
}

/**
 * CreateBucket: the private ACL, or a grant of full control to the owner, is allowed; one that
 * reaches anyone else is not. Object Ownership other than BucketOwnerEnforced would keep ACLs,
 * which keyless does not model, so it is refused as not implemented rather than ignored.
 */
export function refuseBucketAcl(call: S3Call, account: string): void {
  const ownership = call.header(OWNERSHIP);
  if (ownership !== undefined && ownership !== "BucketOwnerEnforced") {
    throw new AwsError(
      "NotImplemented",
      `keyless buckets have ACLs disabled (Object Ownership BucketOwnerEnforced); ${OWNERSHIP}: ` +
        `${ownership} is not implemented.`,
      { fields: { Header: OWNERSHIP } },
    );
  }
  const canned = cannedAcl(call, BUCKET_CANNED_ACLS);
  if (
    (canned !== undefined && canned !== "private") ||
    grantsOthers(call, BUCKET_GRANTS, account)
  ) {
    throw new AwsError("InvalidBucketAclWithObjectOwnership");
  }
}
