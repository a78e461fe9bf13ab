// PUT /latest/api/token: starts an IMDSv2 session. The TTL header is required and must be 1 to
// 21600 seconds; a request carrying X-Forwarded-For is refused, so that a token cannot be
// fetched through a proxy on the instance ("Use IMDSv2", Amazon EC2 User Guide).
import type { IncomingHttpHeaders } from "node:http";
import { HEADER, TOKEN_TTL_MAX_SECONDS, TOKEN_TTL_MIN_SECONDS } from "./constants.js";
import { failure, type ImdsReply, ok } from "./reply.js";
import type { TokenStore } from "./tokens.js";

export function tokenRequest(
  method: string,
  headers: IncomingHttpHeaders,
  tokens: TokenStore,
): ImdsReply {
  if (method !== "PUT") return failure(405);
  if (headers[HEADER.forwardedFor] !== undefined) return failure(403);

  const ttl = parseTtl(headers[HEADER.tokenTtl]);
  if (ttl === undefined) return failure(400);
  return ok(tokens.issue(ttl), { [HEADER.tokenTtl]: String(ttl) });
}

function parseTtl(header: string | string[] | undefined): number | undefined {
  if (typeof header !== "string" || !/^\d+$/.test(header.trim())) return undefined;
  const ttl = Number(header.trim());
  return ttl >= TOKEN_TTL_MIN_SECONDS && ttl <= TOKEN_TTL_MAX_SECONDS ? ttl : undefined;
}
