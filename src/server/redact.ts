// A canonical request holds the session token when one was signed; it is shown to nobody, not
// even the client that sent it: the token is cut out of logs and error documents alike. So is a
// token a client put where another value belonged, which an error message would quote back.
import { AwsError } from "../errors/aws-error.js";
import { SESSION_TOKEN_PREFIX } from "../model/ids.js";

const TOKEN_HEADER = /^(x-amz-security-token:).*$/gim;
const TOKEN_QUERY = /(X-Amz-Security-Token=)[^&\n]*/gi;
const TOKEN_ITSELF = new RegExp(`${SESSION_TOKEN_PREFIX}[A-Za-z0-9+/=%]*`, "g");

export const redactTokens = (text: string): string =>
  text
    .replace(TOKEN_HEADER, "$1<redacted>")
    .replace(TOKEN_QUERY, "$1<redacted>")
    .replace(TOKEN_ITSELF, "<redacted>");

/** The error with any session token cut from its message, for the client, the log and the trail. */
export function withoutTokens(error: AwsError): AwsError {
  if (!error.message.includes(SESSION_TOKEN_PREFIX)) return error;
  return new AwsError(error.code, redactTokens(error.message), {
    status: error.status,
    fields: error.fields,
  });
}
