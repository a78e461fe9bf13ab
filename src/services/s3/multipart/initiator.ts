// Who started an upload, as ListParts and ListMultipartUploads name them: Initiator is the IAM
// identity (its ARN as ID, or the account's canonical user ID for the root user), Owner the
// account that will own the object (Amazon S3 API Reference, "Initiator" and "MultipartUpload").
import type { UploadRecord } from "../../../model/types.js";
import { canonicalUserId, ownerOf } from "../owner.js";

export function initiatorElements(upload: UploadRecord) {
  const { account, arn } = upload.initiator;
  const isRoot = arn.endsWith(":root");
  return {
    Initiator: {
      ID: isRoot ? canonicalUserId(account) : arn,
      DisplayName: isRoot ? account : (arn.split("/").at(-1) ?? arn),
    },
    Owner: ownerOf(account),
  };
}
