// What a request claims about who signed it: a Signature Version 4 claim (header or presigned
// query), or, for S3 only, the older Signature Version 2 one.

import type { SignatureClaim } from "../sigv4/parse-authorization.js";
import type { SigV2Claim } from "./sigv2/parse.js";

export type Claim = SignatureClaim | SigV2Claim;
