// Server-side encryption headers. keyless stores every object as S3 does by default (SSE-S3,
// AES256) and has neither customer keys nor KMS, so it answers what it cannot do rather than
// claim an encryption it did not apply:
// - SSE-C (x-amz-server-side-encryption-customer-*, also for a copy source) "must be made over a
//   secure connection" and keyless serves plain HTTP, so S3's 400 InvalidRequest for it;
// - aws:kms and aws:kms:dsse are 501 NotImplemented;
// - any other value than AES256 is 400 InvalidArgument, as S3 answers an unknown one.
// (Amazon S3 API Reference, PutObject: x-amz-server-side-encryption; Amazon S3 User Guide,
// "Using server-side encryption with customer-provided keys (SSE-C)".)
import { AwsError } from "../../errors/aws-error.js";
import type { S3Call } from "./call.js";

const SSE = "x-amz-server-side-encryption";
const CUSTOMER_KEY_HEADERS = [
  `${SSE}-customer-algorithm`,
  `${SSE}-customer-key`,
  `${SSE}-customer-key-md5`,
  `x-amz-copy-source-server-side-encryption-customer-algorithm`,
  `x-amz-copy-source-server-side-encryption-customer-key`,
  `x-amz-copy-source-server-side-encryption-customer-key-md5`,
];
const KMS = ["aws:kms", "aws:kms:dsse"];
const KMS_DETAIL_HEADERS = [`${SSE}-aws-kms-key-id`, `${SSE}-context`];

/**
 * GetObject and HeadObject: an object is read as it was stored, so a read that names an
 * encryption is refused, as S3 refuses it.
 */
export function refuseEncryptionOnRead(header: (name: string) => string | undefined): void {
  if (header(SSE) !== undefined) {
    throw new AwsError("InvalidArgument", `${SSE} header is not supported for this operation.`, {
      fields: { ArgumentName: SSE, ArgumentValue: header(SSE) ?? "" },
    });
  }
}

/** Any S3 request: customer-provided keys cannot travel over plain HTTP. */
export function refuseCustomerKeys(header: (name: string) => string | undefined): void {
  if (CUSTOMER_KEY_HEADERS.some((name) => header(name) !== undefined)) {
    throw new AwsError(
      "InvalidRequest",
      "Requests specifying Server Side Encryption with Customer provided keys must be made " +
        "over a secure connection.",
    );
  }
}

/** PutObject, CreateMultipartUpload, CopyObject: AES256 or nothing. */
export function checkEncryption(call: S3Call): void {
  const asked = call.header(SSE);
  // A KMS key or context names how aws:kms should encrypt, and means nothing without it.
  const kmsDetail = KMS_DETAIL_HEADERS.find((name) => call.header(name) !== undefined);
  if (kmsDetail !== undefined && (asked === undefined || !KMS.includes(asked))) {
    throw new AwsError(
      "InvalidArgument",
      `Server Side Encryption with AWS KMS managed key requires HTTP header ${SSE} : aws:kms`,
      { fields: { ArgumentName: kmsDetail } },
    );
  }
  if (asked === undefined || asked === "AES256") return;
  if (KMS.includes(asked)) {
    throw new AwsError(
      "NotImplemented",
      `keyless has no KMS: objects are stored with AES256 (SSE-S3) only, not ${asked}.`,
      { fields: { Header: SSE } },
    );
  }
  throw new AwsError("InvalidArgument", "The encryption method specified is not supported", {
    fields: { ArgumentName: SSE, ArgumentValue: asked },
  });
}
