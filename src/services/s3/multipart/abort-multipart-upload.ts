// AbortMultipartUpload: DELETE /bucket/key?uploadId=… ends an upload and frees its parts; an
// upload already completed or aborted is NoSuchUpload (Amazon S3 API Reference,
// AbortMultipartUpload).
import type { S3Call, S3Handler } from "../call.js";
import { sendEmpty } from "../reply.js";
import { uploadOf } from "./upload-params.js";

async function abortMultipartUpload(call: S3Call): Promise<void> {
  const upload = await uploadOf(call);
  await call.ctx.model.uploads.abort(upload);
  sendEmpty(call.ctx.res, 204);
}

export const AbortMultipartUpload: S3Handler = { run: abortMultipartUpload };
