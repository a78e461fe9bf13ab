// Every operation keyless serves, by the name the router gives it. An operation the router
// knows but neither this table nor the catalog holds is denied, never served unchecked.

import {
  DeleteBucketPolicy,
  GetBucketPolicy,
  GetBucketPolicyStatus,
  PutBucketPolicy,
} from "./bucket/bucket-policy.js";
import { CreateBucket } from "./bucket/create-bucket.js";
import { GetBucketAcl, GetObjectAcl } from "./bucket/default-acl.js";
import {
  GetBucketAccelerateConfiguration,
  GetBucketCors,
  GetBucketEncryption,
  GetBucketLifecycleConfiguration,
  GetBucketLogging,
  GetBucketNotificationConfiguration,
  GetBucketOwnershipControls,
  GetBucketRequestPayment,
  GetBucketVersioning,
  GetBucketWebsite,
  GetObjectLockConfiguration,
} from "./bucket/default-configurations.js";
import { DeleteBucket } from "./bucket/delete-bucket.js";
import { GetBucketLocation } from "./bucket/get-bucket-location.js";
import { HeadBucket } from "./bucket/head-bucket.js";
import { ListBuckets } from "./bucket/list-buckets.js";
import {
  DeletePublicAccessBlock,
  GetPublicAccessBlock,
  PutPublicAccessBlock,
} from "./bucket/public-access-block.js";
import type { S3Handler } from "./call.js";
import { CopyObject } from "./copy/copy-object.js";
import { ListObjects } from "./list/list-objects.js";
import { ListObjectsV2 } from "./list/list-objects-v2.js";
import { AbortMultipartUpload } from "./multipart/abort-multipart-upload.js";
import { CompleteMultipartUpload } from "./multipart/complete-multipart-upload.js";
import { CreateMultipartUpload } from "./multipart/create-multipart-upload.js";
import { ListMultipartUploads } from "./multipart/list-multipart-uploads.js";
import { ListParts } from "./multipart/list-parts.js";
import { UploadPart } from "./multipart/upload-part.js";
import { UploadPartCopy } from "./multipart/upload-part-copy.js";
import { DeleteObject } from "./object/delete-object.js";
import { DeleteObjects } from "./object/delete-objects.js";
import { GetObject, HeadObject } from "./object/get-object.js";
import { PutObject } from "./object/put-object.js";
import {
  DeleteBucketTagging,
  GetBucketTagging,
  PutBucketTagging,
} from "./tagging/bucket-tagging.js";
import {
  DeleteObjectTagging,
  GetObjectTagging,
  PutObjectTagging,
} from "./tagging/object-tagging.js";

export const HANDLERS: Readonly<Record<string, S3Handler>> = {
  ListBuckets,
  CreateBucket,
  DeleteBucket,
  HeadBucket,
  GetBucketLocation,
  PutBucketPolicy,
  GetBucketPolicy,
  DeleteBucketPolicy,
  GetBucketPolicyStatus,
  PutPublicAccessBlock,
  GetPublicAccessBlock,
  DeletePublicAccessBlock,
  ListObjects,
  ListObjectsV2,
  PutObject,
  GetObject,
  HeadObject,
  DeleteObject,
  DeleteObjects,
  CopyObject,
  PutObjectTagging,
  GetObjectTagging,
  DeleteObjectTagging,
  PutBucketTagging,
  GetBucketTagging,
  DeleteBucketTagging,
  CreateMultipartUpload,
  UploadPart,
  UploadPartCopy,
  CompleteMultipartUpload,
  AbortMultipartUpload,
  ListParts,
  ListMultipartUploads,
  GetBucketAcl,
  GetObjectAcl,
  GetBucketVersioning,
  GetBucketEncryption,
  GetBucketOwnershipControls,
  GetBucketCors,
  GetBucketLifecycleConfiguration,
  GetBucketWebsite,
  GetObjectLockConfiguration,
  GetBucketLogging,
  GetBucketNotificationConfiguration,
  GetBucketRequestPayment,
  GetBucketAccelerateConfiguration,
};
