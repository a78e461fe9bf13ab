// Step 0 of verifying: find the claimed credential scope, signed headers and signature, in the
// Authorization header or, for a presigned URL, in the X-Amz-* query parameters.
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-auth-using-authorization-header.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
import { ALGORITHM, QUERY, SCOPE_TERMINATOR } from "./constants.js";

/** The parts of a SigV4 credential scope: AKID/DATE/REGION/SERVICE/aws4_request. */
export interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

export interface SignatureClaim {
  version: 4;
  scope: CredentialScope;
  signedHeaders: string[];
  signature: string;
  /** Where the signature came from: the Authorization header or the query string (presigned). */
  location: "header" | "query";
}

/** The S3 codes of a malformed claim; the Query services call every one IncompleteSignature. */
export type ClaimProblemCode =
  | "AuthorizationHeaderMalformed"
  | "AuthorizationQueryParametersError"
  | "InvalidArgument";

export type ParseOutcome =
  | { ok: true; claim: SignatureClaim }
  | { ok: false; code: ClaimProblemCode; problem: string };

const SCOPE_FORM = `"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/${SCOPE_TERMINATOR}"`;

/** Parses `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`. */
export function parseAuthorizationHeader(header: string): ParseOutcome {
  if (!header.startsWith(`${ALGORITHM} `)) {
    return { ok: false, code: "InvalidArgument", problem: "Unsupported Authorization Type" };
  }
  const fields = new Map<string, string>();
  for (const part of header.slice(ALGORITHM.length + 1).split(",")) {
    const at = part.indexOf("=");
    if (at > 0) fields.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  const credential = fields.get("Credential");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (!credential || !signedHeaders || !signature) {
    return {
      ok: false,
      code: "AuthorizationHeaderMalformed",
      problem:
        "The authorization header is malformed; the authorization header requires three " +
        "components: Credential, SignedHeaders, and Signature.",
    };
  }
  const scope = parseScope(credential);
  if (!scope) {
    return {
      ok: false,
      code: "AuthorizationHeaderMalformed",
      problem: `The authorization header is malformed; the Credential is mal-formed; expecting ${SCOPE_FORM}.`,
    };
  }
  return { ok: true, claim: claim(scope, signedHeaders, signature, "header") };
}

/**
 * Parses the X-Amz-* parameters of a presigned URL. S3 requires all six; the Query services
 * take a query-signed request without X-Amz-Expires and hold it to the clock-skew rule instead.
 */
export function parseQueryAuthorization(query: URLSearchParams, s3 = true): ParseOutcome {
  const algorithm = query.get(QUERY.algorithm);
  if (algorithm !== null && algorithm !== ALGORITHM) {
    return queryProblem(`X-Amz-Algorithm only supports "${ALGORITHM}"`);
  }
  const credential = query.get(QUERY.credential);
  const signedHeaders = query.get(QUERY.signedHeaders);
  const signature = query.get(QUERY.signature);
  const required = (s3 ? [QUERY.date, QUERY.expires] : [QUERY.date]).every((name) =>
    query.get(name),
  );
  if (!algorithm || !credential || !signedHeaders || !signature || !required) {
    return queryProblem(
      "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, " +
        "X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.",
    );
  }
  const scope = parseScope(credential);
  if (!scope) {
    return queryProblem(
      `Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting ${SCOPE_FORM}.`,
    );
  }
  return { ok: true, claim: claim(scope, signedHeaders, signature, "query") };
}

function queryProblem(problem: string): ParseOutcome {
  return { ok: false, code: "AuthorizationQueryParametersError", problem };
}

function parseScope(credential: string): CredentialScope | undefined {
  const parts = credential.split("/");
  if (parts.length !== 5 || parts[4] !== SCOPE_TERMINATOR || parts.some((p) => p === "")) {
    return undefined;
  }
  const [accessKeyId, date, region, service] = parts as [string, string, string, string];
  return { accessKeyId, date, region, service };
}

function claim(
  scope: CredentialScope,
  signedHeaders: string,
  signature: string,
  location: "header" | "query",
): SignatureClaim {
  return { version: 4, scope, signedHeaders: signedHeaders.split(";"), signature, location };
}
