// Every operation keyless serves, by the name the router gives it. An operation the router
// knows but neither this table nor the catalog holds is denied, never served unchecked.

import { CreateBucket } from "./bucket/create-bucket.js";
import { DeleteBucket } from "./bucket/delete-bucket.js";
import { GetBucketLocation } from "./bucket/get-bucket-location.js";
import { HeadBucket } from "./bucket/head-bucket.js";
import { ListBuckets } from "./bucket/list-buckets.js";
import type { S3Handler } from "./call.js";
import { ListObjects } from "./list/list-objects.js";
import { ListObjectsV2 } from "./list/list-objects-v2.js";
import { DeleteObject } from "./object/delete-object.js";
import { DeleteObjects } from "./object/delete-objects.js";
import { GetObject, HeadObject } from "./object/get-object.js";
import { PutObject } from "./object/put-object.js";

export const HANDLERS: Readonly<Record<string, S3Handler>> = {
  ListBuckets,
  CreateBucket,
  DeleteBucket,
  HeadBucket,
  GetBucketLocation,
  ListObjects,
  ListObjectsV2,
  PutObject,
  GetObject,
  HeadObject,
  DeleteObject,
  DeleteObjects,
};
