// Headers of an object write that ask for storage keyless does not have. It keeps every object in
// STANDARD, in buckets without Object Lock and without website hosting, so it says so instead of
// taking the request and dropping what it asked for:
// - x-amz-storage-class: STANDARD is taken; another of S3's classes is 501 NotImplemented, and a
//   name that is none of them 400 InvalidStorageClass (API Reference, PutObject; Error responses);
// - x-amz-object-lock-*: a bucket created without Object Lock refuses them with 400
//   InvalidRequest (User Guide, "Configuring S3 Object Lock");
// - x-amz-website-redirect-location: a value that is not a path or an http(s) URL is 400
//   InvalidRedirectLocation; a valid one is 501, as there is no website to redirect.
import { AwsError } from "../../../errors/aws-error.js";
import type { S3Call } from "../call.js";
import { STORAGE_CLASS } from "../constants.js";

const STORAGE_CLASS_HEADER = "x-amz-storage-class";
const REDIRECT_HEADER = "x-amz-website-redirect-location";
const OBJECT_LOCK_HEADERS = [
  "x-amz-object-lock-mode",
  "x-amz-object-lock-retain-until-date",
  "x-amz-object-lock-legal-hold",
];

/** S3's storage classes (API Reference, PutObject: x-amz-storage-class, "Valid Values"). */
const STORAGE_CLASSES = new Set([
  "STANDARD",
  "REDUCED_REDUNDANCY",
  "STANDARD_IA",
  "ONEZONE_IA",
  "INTELLIGENT_TIERING",
  "GLACIER",
  "DEEP_ARCHIVE",
  "OUTPOSTS",
  "GLACIER_IR",
  "SNOW",
  "EXPRESS_ONEZONE",
  "FSX_OPENZFS",
]);

export function refuseUnsupportedStorage(call: S3Call): void {
  const storageClass = call.header(STORAGE_CLASS_HEADER);
  if (storageClass !== undefined && storageClass !== STORAGE_CLASS) {
    if (!STORAGE_CLASSES.has(storageClass)) {
      throw new AwsError("InvalidStorageClass", undefined, {
        fields: { StorageClassRequested: storageClass },
      });
    }
    throw new AwsError(
      "NotImplemented",
      `keyless stores every object in ${STORAGE_CLASS}, not ${storageClass}.`,
      { fields: { Header: STORAGE_CLASS_HEADER } },
    );
  }

  const lockHeader = OBJECT_LOCK_HEADERS.find((name) => call.header(name) !== undefined);
  if (lockHeader !== undefined) {
    throw new AwsError("InvalidRequest", "Bucket is missing Object Lock Configuration", {
      fields: { ArgumentName: lockHeader },
    });
  }

  const redirect = call.header(REDIRECT_HEADER);
  if (redirect !== undefined) {
    if (!/^(\/|https?:\/\/)/.test(redirect)) throw new AwsError("InvalidRedirectLocation");
    throw new AwsError(
      "NotImplemented",
      "keyless hosts no websites, so an object cannot redirect one.",
      { fields: { Header: REDIRECT_HEADER } },
    );
  }
}
