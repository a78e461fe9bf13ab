// DeleteObjects: POST /bucket?delete removes up to 1,000 keys in one request. Each key is
// authorized on its own as s3:DeleteObject (s3:DeleteObjectVersion when it names a version),
// and a key the caller may not delete is reported in the reply's Error list while the others go
// (Amazon S3 API Reference, DeleteObjects).
import { DELETE_OBJECT, objectArn, s3Action, versionContext } from "../../../catalog/s3.js";
import { AwsError } from "../../../errors/aws-error.js";
import type { S3Call, S3Handler } from "../call.js";
import { sendXml } from "../reply.js";
import { parseDeleteRequest } from "./delete-request.js";

const NO_SUCH_VERSION = "The specified version does not exist.";

/** Each key is authorized as DeleteObject would be, with its version if it names one. */
const deleteAction = (versionId: string | undefined): string => s3Action(DELETE_OBJECT, versionId);

async function deleteObjects(call: S3Call): Promise<void> {
  const { ctx } = call;
  const bucketName = call.address.bucket ?? "";
  const request = parseDeleteRequest(await call.smallBody(), call.header);

  // No permission covers the request as a whole; a missing bucket is told only to a caller
  // who may delete the first key in it.
  const bucket = call.found;
  if (bucket === undefined) {
    const first = request.objects[0];
    await ctx.authorize({
      action: deleteAction(first?.versionId),
      resource: objectArn(bucketName, first?.key ?? ""),
    });
    throw new AwsError("NoSuchBucket", undefined, { fields: { BucketName: bucketName } });
  }

  const deleted: { Key: string; VersionId?: string }[] = [];
  const errors: { Key: string; VersionId?: string; Code: string; Message: string }[] = [];
  for (const { key, versionId } of request.objects) {
    const named = versionId === undefined ? {} : { VersionId: versionId };
    const decision = await ctx.decide({
      action: deleteAction(versionId),
      resource: objectArn(bucket.name, key),
      resourceAccount: bucket.account,
      context: versionContext(versionId),
    });
    if (decision.decision !== "allowed") {
      errors.push({ Key: key, ...named, Code: "AccessDenied", Message: "Access Denied" });
      continue;
    }
    // An unversioned bucket holds one version of each object, "null".
    if (versionId !== undefined && versionId !== "null") {
      errors.push({ Key: key, ...named, Code: "NoSuchVersion", Message: NO_SUCH_VERSION });
      continue;
    }
    await ctx.model.objects.delete(bucket.name, key);
    // "In quiet mode the response includes only keys where the delete action encountered an
    // error."
    if (!request.quiet) deleted.push({ Key: key, ...named });
  }

  sendXml(ctx.res, "DeleteResult", { Deleted: deleted, Error: errors });
}

export const DeleteObjects: S3Handler = { authorizesEachKey: true, run: deleteObjects };
