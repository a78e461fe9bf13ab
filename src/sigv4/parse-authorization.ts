import { ALGORITHM, QUERY, SCOPE_TERMINATOR } from "./constants.js";

/** The parts of a SigV4 credential scope: AKID/DATE/REGION/SERVICE/aws4_request. */
export interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

export interface SignatureClaim {
  scope: CredentialScope;
  signedHeaders: string[];
  signature: string;
  /** Where the signature came from: the Authorization header or the query string (presigned). */
  location: "header" | "query";
}

export type ParseOutcome = { ok: true; claim: SignatureClaim } | { ok: false; problem: string };

/** Parses `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`. */
export function parseAuthorizationHeader(header: string): ParseOutcome {
  if (!header.startsWith(`${ALGORITHM} `)) {
    return { ok: false, problem: `Unsupported Authorization Type` };
  }
  const fields = new Map<string, string>();
  for (const part of header.slice(ALGORITHM.length + 1).split(",")) {
    const at = part.indexOf("=");
    if (at > 0) fields.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return claimFrom(
    fields.get("Credential"),
    fields.get("SignedHeaders"),
    fields.get("Signature"),
    "header",
  );
}

/** Parses the X-Amz-* parameters of a presigned URL. */
export function parseQueryAuthorization(query: URLSearchParams): ParseOutcome {
  if (query.get(QUERY.algorithm) !== ALGORITHM) {
    return { ok: false, problem: `X-Amz-Algorithm only supports "${ALGORITHM}"` };
  }
  return claimFrom(
    query.get(QUERY.credential) ?? undefined,
    query.get(QUERY.signedHeaders) ?? undefined,
    query.get(QUERY.signature) ?? undefined,
    "query",
  );
}

function claimFrom(
  credential: string | undefined,
  signedHeaders: string | undefined,
  signature: string | undefined,
  location: "header" | "query",
): ParseOutcome {
  const missing = [
    credential === undefined && "Credential",
    signedHeaders === undefined && "SignedHeaders",
    signature === undefined && "Signature",
  ].filter(Boolean);
  if (missing.length > 0 || !credential || !signedHeaders || !signature) {
    return {
      ok: false,
      problem: `Authorization header requires ${missing.join(", ")} parameter(s).`,
    };
  }
  const parts = credential.split("/");
  if (parts.length !== 5 || parts[4] !== SCOPE_TERMINATOR || parts.some((p) => p === "")) {
    return {
      ok: false,
      problem: `Credential should be scoped to a valid region, not '${parts[2] ?? ""}'. Credential should be of the form <key>/<date>/<region>/<service>/aws4_request.`,
    };
  }
  const [accessKeyId, date, region, service] = parts as [string, string, string, string];
  return {
    ok: true,
    claim: {
      scope: { accessKeyId, date, region, service },
      signedHeaders: signedHeaders.split(";"),
      signature,
      location,
    },
  };
}
