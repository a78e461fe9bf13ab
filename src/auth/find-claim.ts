// Where a request's signature is, before anything is verified: the Authorization header
// (SigV4, or SigV2 for S3), the X-Amz-* query parameters of a presigned URL, or S3's SigV2
// AWSAccessKeyId/Expires/Signature ones. S3 refuses a request that carries two of them.
// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-authenticating-requests.html
import { AwsError } from "../errors/aws-error.js";
import type { ServiceName } from "../server/context.js";
import { bucketFromHost } from "../services/s3/address.js";
import { HEADER, QUERY } from "../sigv4/constants.js";
import {
  type ParseOutcome,
  parseAuthorizationHeader,
  parseQueryAuthorization,
} from "../sigv4/parse-authorization.js";
import type { Claim } from "./claim.js";
import { missingAuthenticationError } from "./service-errors.js";
import {
  hasV2Query,
  isV2Header,
  parseV2Header,
  parseV2Query,
  type V2ParseOutcome,
} from "./sigv2/parse.js";

export interface ClaimSource {
  query: URLSearchParams;
  headers: ReadonlyMap<string, readonly string[]>;
}

/** The server's own settings that a SigV2 request, which names no scope, is read against. */
export interface ClaimSettings {
  /** The region a SigV2 request is taken to be signed for. */
  region: string;
  /** The configured host name, to tell a virtual-hosted bucket in the Host header. */
  host: string;
}

const DEFAULTS: ClaimSettings = { region: "us-east-1", host: "127.0.0.1" };

export function findClaim(
  request: ClaimSource,
  service: ServiceName,
  settings: ClaimSettings = DEFAULTS,
): Claim {
  const authorization = request.headers.get(HEADER.authorization)?.[0];
  const v4Query = request.query.has(QUERY.algorithm) || request.query.has(QUERY.credential);
  const v2Query = service === "s3" && hasV2Query(request.query);

  if (
    service === "s3" &&
    [authorization !== undefined, v4Query, v2Query].filter(Boolean).length > 1
  ) {
    throw new AwsError(
      "InvalidArgument",
      "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature " +
        "query string parameter or the Authorization header should be specified",
    );
  }
  if (authorization !== undefined) {
    if (service === "s3" && isV2Header(authorization)) {
      return v2OrFail(parseV2Header(authorization, settings.region), request, settings);
    }
    return v4OrFail(parseAuthorizationHeader(authorization), service);
  }
  if (v4Query) return v4OrFail(parseQueryAuthorization(request.query, service === "s3"), service);
  if (v2Query) return v2OrFail(parseV2Query(request.query, settings.region), request, settings);
  throw missingAuthenticationError(service);
}

function v4OrFail(parsed: ParseOutcome, service: ServiceName): Claim {
  if (parsed.ok) return parsed.claim;
  if (service !== "s3") throw new AwsError("IncompleteSignature", parsed.problem);
  throw new AwsError(parsed.code, parsed.problem);
}

/** A SigV2 claim, with the bucket its Host header names: CanonicalizedResource includes it. */
function v2OrFail(parsed: V2ParseOutcome, request: ClaimSource, settings: ClaimSettings): Claim {
  if (!parsed.ok) throw new AwsError("AccessDenied", parsed.problem);
  const hostBucket = bucketFromHost(request.headers.get(HEADER.host)?.[0], settings.host);
  return hostBucket === undefined ? parsed.claim : { ...parsed.claim, hostBucket };
}
