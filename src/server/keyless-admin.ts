// Changes through /_keyless/ need the account's root credentials: the request is signed with
// SigV4 for the service "keyless" (as `keyless clock …` does) and verified like any other.
import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { authenticate, findClaim } from "../auth/authenticate.js";
import { AwsError } from "../errors/aws-error.js";
import type { Caller } from "../model/types.js";
import type { App } from "./app.js";
import { readQueryBody } from "./body.js";
import { headerMap, splitTarget } from "./headers.js";

export const ADMIN_SERVICE = "keyless";

/** The root caller of a signed admin request and its JSON body; throws AwsError otherwise. */
export async function rootRequest(
  app: App,
  req: IncomingMessage,
): Promise<{ caller: Caller; body: unknown }> {
  const { rawPath, rawQuery } = splitTarget(req.url ?? "/");
  const query = new URLSearchParams(rawQuery);
  const headers = headerMap(req);
  const body = await readQueryBody(req);
  const signed = { method: req.method ?? "POST", rawPath, rawQuery, query, headers };
  const claim = findClaim(signed, "iam");
  if (claim.scope.service !== ADMIN_SERVICE) {
    throw new AwsError(
      "IncompleteSignature",
      `Sign keyless admin requests for the service "${ADMIN_SERVICE}".`,
      { status: 400 },
    );
  }
  const bodySha256 = createHash("sha256").update(body).digest("hex");
  const auth = await authenticate({ ...signed, bodySha256 }, claim, app.model, app.clock.now());
  if (auth.caller.type !== "Root") {
    throw new AwsError(
      "AccessDenied",
      `${auth.caller.arn} is not the account root; only root credentials may change keyless itself.`,
    );
  }
  try {
    return {
      caller: auth.caller,
      body: body.length === 0 ? {} : JSON.parse(body.toString("utf8")),
    };
  } catch {
    throw new AwsError("ValidationError", "The request body is not JSON.");
  }
}
