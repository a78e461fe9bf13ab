// DeleteObjects: POST /bucket?delete removes up to 1,000 keys in one request. Each key is
// authorized on its own as s3:DeleteObject, and a key the caller may not delete is reported in
// the reply's Error list while the others go (Amazon S3 API Reference, DeleteObjects).
import { objectArn } from "../../../catalog/s3.js";
import { AwsError } from "../../../errors/aws-error.js";
import type { S3Call, S3Handler } from "../call.js";
import { sendXml } from "../reply.js";
import { parseDeleteRequest } from "./delete-request.js";

async function deleteObjects(call: S3Call): Promise<void> {
  const { ctx } = call;
  const bucketName = call.address.bucket ?? "";
  const request = parseDeleteRequest(await call.smallBody(), call.header);

  // No permission covers the request as a whole; a missing bucket is told only to a caller
  // who may delete the first key in it.
  const bucket = call.found;
  if (bucket === undefined) {
    await ctx.authorize({
      action: "s3:DeleteObject",
      resource: objectArn(bucketName, request.keys[0] as string),
    });
    throw new AwsError("NoSuchBucket", undefined, { fields: { BucketName: bucketName } });
  }

  const deleted: { Key: string }[] = [];
  const errors: { Key: string; Code: string; Message: string }[] = [];
  for (const key of request.keys) {
    const decision = await ctx.decide({
      action: "s3:DeleteObject",
      resource: objectArn(bucket.name, key),
      resourceAccount: bucket.account,
    });
    if (decision.decision !== "allowed") {
      errors.push({ Key: key, Code: "AccessDenied", Message: "Access Denied" });
      continue;
    }
    await ctx.model.objects.delete(bucket.name, key);
    // "In quiet mode the response includes only keys where the delete action encountered an
    // error."
    if (!request.quiet) deleted.push({ Key: key });
  }

  sendXml(ctx.res, "DeleteResult", { Deleted: deleted, Error: errors });
}

export const DeleteObjects: S3Handler = { authorizesEachKey: true, run: deleteObjects };
