// GetBucketAcl (GET /bucket?acl) and GetObjectAcl (GET /bucket/key?acl). Every bucket here has
// ACLs disabled (ObjectOwnership BucketOwnerEnforced, default-configurations.ts), and then
// "requests to read ACLs are still supported and return the bucket-owner-full-control ACL with
// the owner being the account that created the bucket" (Amazon S3 API Reference, GetBucketAcl
// and GetObjectAcl): the owner, and one grant of FULL_CONTROL to that owner.
import type { BucketRecord } from "../../../model/types.js";
import { requireBucket, requireKey, type S3Call, type S3Handler } from "../call.js";
import { findObjectOrDeny } from "../object/find.js";
import { ownerOf } from "../owner.js";
import { sendXml } from "../reply.js";
import { existingObjectTags } from "../tagging/tag-context.js";

/** A Grantee says which kind it is in xsi:type (API Reference, Grantee). */
const XSI_NAMESPACE = "http://www.w3.org/2001/XMLSchema-instance";

function ownerFullControl(bucket: BucketRecord): Record<string, unknown> {
  const owner = ownerOf(bucket.account);
  return {
    Owner: owner,
    AccessControlList: {
      Grant: {
        Grantee: { "@_xmlns:xsi": XSI_NAMESPACE, "@_xsi:type": "CanonicalUser", ...owner },
        Permission: "FULL_CONTROL",
      },
    },
  };
}

async function getBucketAcl(call: S3Call): Promise<void> {
  sendXml(call.ctx.res, "AccessControlPolicy", ownerFullControl(requireBucket(call)));
}

/** A missing key answers as GetObject does: NoSuchKey to a caller who may list, else 403. */
async function getObjectAcl(call: S3Call): Promise<void> {
  const bucket = requireBucket(call);
  await findObjectOrDeny(call.ctx, bucket, requireKey(call), call.namedObject);
  sendXml(call.ctx.res, "AccessControlPolicy", ownerFullControl(bucket));
}

export const GetBucketAcl: S3Handler = { run: getBucketAcl };
// The Service Authorization Reference gives s3:GetObjectAcl the s3:ExistingObjectTag/<key> keys.
export const GetObjectAcl: S3Handler = { prepare: existingObjectTags, run: getObjectAcl };
