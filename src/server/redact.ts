// A canonical request holds the session token when one was signed; it is shown to nobody, not
// even the client that sent it: the token is cut out of logs and error documents alike.
const TOKEN_HEADER = /^(x-amz-security-token:).*$/gim;
const TOKEN_QUERY = /(X-Amz-Security-Token=)[^&\n]*/gi;

export const redactTokens = (text: string): string =>
  text.replace(TOKEN_HEADER, "$1<redacted>").replace(TOKEN_QUERY, "$1<redacted>");
