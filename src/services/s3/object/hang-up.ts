// A client that hangs up mid-body is the client's doing, not a fault of ours: the upload is
// answered as S3 answers a body shorter than promised, IncompleteBody, and logged as a
// rejected request rather than an internal error. Storage has kept nothing of it by then.
import { AwsError } from "../../../errors/aws-error.js";

/** Node's codes for a socket closed under a request still being read. */
const HANG_UP_CODES = new Set(["ECONNRESET", "ERR_STREAM_PREMATURE_CLOSE"]);

export async function whileReadingBody<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const code = (error as { code?: unknown } | undefined)?.code;
    if (!(error instanceof AwsError) && typeof code === "string" && HANG_UP_CODES.has(code)) {
      throw new AwsError("IncompleteBody");
    }
    throw error;
  }
}
