// A signature that does not match. S3 shows the client what it signed against (the string to
// sign, the canonical request, their bytes) so that the client can find its mistake; the other
// services only say that it failed. The debug log gets the same detail with the session token
// taken out: S3's own reply may echo a token, a keyless log line never does.
import { AwsError } from "../errors/aws-error.js";
import { uriEncode } from "../sigv4/uri-encode.js";

export interface MismatchDetail {
  accessKeyId: string;
  stringToSign: string;
  signatureProvided: string;
  /** SigV4 only. */
  canonicalRequest?: string;
  /** Session tokens the request carried, to keep out of the log. */
  secrets: readonly string[];
}

export class SignatureMismatch extends AwsError {
  /** For the debug log: the canonical request and string to sign, tokens redacted. */
  readonly canonical: string;
  readonly toSign: string;

  constructor(detail: MismatchDetail) {
    const redacted: MismatchDetail = {
      ...detail,
      stringToSign: redact(detail.stringToSign, detail.secrets),
      ...(detail.canonicalRequest === undefined
        ? {}
        : { canonicalRequest: redact(detail.canonicalRequest, detail.secrets) }),
    };
    super("SignatureDoesNotMatch", undefined, { fields: s3Fields(redacted) });
    this.canonical = redacted.canonicalRequest ?? "";
    this.toSign = redacted.stringToSign;
  }
}

/**
 * The elements of S3's SignatureDoesNotMatch, in its order, from the redacted texts: the bytes
 * fields are those texts in hex, so they must not spell out a token either.
 */
function s3Fields(detail: MismatchDetail): Record<string, string> {
  const fields: Record<string, string> = {
    AWSAccessKeyId: detail.accessKeyId,
    StringToSign: detail.stringToSign,
    SignatureProvided: detail.signatureProvided,
    StringToSignBytes: hexBytes(detail.stringToSign),
  };
  if (detail.canonicalRequest !== undefined) {
    fields.CanonicalRequest = detail.canonicalRequest;
    fields.CanonicalRequestBytes = hexBytes(detail.canonicalRequest);
  }
  return fields;
}

/** "47 45 54 0a …": the UTF-8 bytes, as S3 lists them. */
const hexBytes = (text: string): string =>
  [...Buffer.from(text, "utf8")].map((byte) => byte.toString(16).padStart(2, "0")).join(" ");

function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret === "") continue;
    out = out.replaceAll(secret, "<redacted>").replaceAll(uriEncode(secret), "<redacted>");
  }
  return out;
}
