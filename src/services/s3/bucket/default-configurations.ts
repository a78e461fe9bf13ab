// The bucket configurations keyless keeps none of, read as S3 answers them for a bucket where they
// were never set, so that tools which read every one on each refresh (Terraform's aws_s3_bucket)
// see a plain new bucket. Setting any of them stays NotImplemented (route.ts).
//
// Some read as a document even when unset, others as a 404 error; each says below where in the
// Amazon S3 API Reference that comes from, or that the docs are silent.
import { AwsError } from "../../../errors/aws-error.js";
import type { ErrorCode } from "../../../errors/registry.js";
import { requireBucket, type S3Call, type S3Handler } from "../call.js";
import { sendXml } from "../reply.js";

/** A handler that answers the one document it is given, for any bucket. */
function answers(root: string, body: Record<string, unknown> = {}): S3Handler {
  return {
    run: async function answerDefault(call: S3Call): Promise<void> {
      requireBucket(call);
      sendXml(call.ctx.res, root, body);
    },
  };
}

/** A handler that answers the configuration is absent, naming the bucket as S3's 404s do. */
function absent(code: ErrorCode): S3Handler {
  return {
    run: async function answerAbsent(call: S3Call): Promise<void> {
      const bucket = requireBucket(call);
      throw new AwsError(code, undefined, { fields: { BucketName: bucket.name } });
    },
  };
}

// "If the versioning state has never been set on a bucket, it has no versioning state; a
// GetBucketVersioning request does not return a versioning state value", and MFADelete is "only
// returned if the bucket has been configured with MFA delete" (API Reference,
// PutBucketVersioning and GetBucketVersioning): the empty element.
export const GetBucketVersioning = answers("VersioningConfiguration");

// "By default, all buckets have a default encryption configuration that uses server-side
// encryption with Amazon S3 managed keys (SSE-S3)" (API Reference, GetBucketEncryption). The
// docs do not say what BucketKeyEnabled reads then; S3 sends false, as keyless does.
export const GetBucketEncryption = answers("ServerSideEncryptionConfiguration", {
  Rule: {
    ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" },
    BucketKeyEnabled: false,
  },
});

// "By default, ObjectOwnership is set to BucketOwnerEnforced and ACLs are disabled" (API
// Reference, OwnershipControlsRule), for every bucket created since April 2023.
export const GetBucketOwnershipControls = answers("OwnershipControls", {
  Rule: { ObjectOwnership: "BucketOwnerEnforced" },
});

// A bucket that does not log has a BucketLoggingStatus without LoggingEnabled (API Reference,
// GetBucketLogging, whose response syntax makes LoggingEnabled optional).
export const GetBucketLogging = answers("BucketLoggingStatus");

// "If notifications are not enabled on the bucket, the action returns an empty
// NotificationConfiguration element" (API Reference, GetBucketNotificationConfiguration).
export const GetBucketNotificationConfiguration = answers("NotificationConfiguration");

// Payer is Requester or BucketOwner (API Reference, GetBucketRequestPayment; Amazon S3 User Guide,
// "Retrieving the requestPayment configuration using the REST API"). The docs do not say which an
// unset bucket reads; it is BucketOwner, as a bucket is Requester Pays only once made so.
export const GetBucketRequestPayment = answers("RequestPaymentConfiguration", {
  Payer: "BucketOwner",
});

// "A GET accelerate request does not return a state value for a bucket that has no transfer
// acceleration state" (API Reference, GetBucketAccelerateConfiguration).
export const GetBucketAccelerateConfiguration = answers("AccelerateConfiguration");

// The API Reference names NoSuchLifecycleConfiguration, 404, "The lifecycle configuration does
// not exist" as GetBucketLifecycleConfiguration's special error.
export const GetBucketLifecycleConfiguration = absent("NoSuchLifecycleConfiguration");

// TODO(s3-config-errors): GetBucketCors, GetBucketWebsite and GetObjectLockConfiguration list no
// special error in the API Reference, and these codes and messages could not be checked against
// an AWS document (boto3's guide does catch NoSuchCORSConfiguration from get_bucket_cors). They are
// what S3 is known to send for a bucket without the configuration; confirm them on a real bucket.
export const GetBucketCors = absent("NoSuchCORSConfiguration");
export const GetBucketWebsite = absent("NoSuchWebsiteConfiguration");
export const GetObjectLockConfiguration = absent("ObjectLockConfigurationNotFoundError");
