// keyless's own surface under /_keyless/: health and instances (read-only, for the CLI and
// people), and the clock. Nothing here changes state without the account's root credentials.
import type { IncomingMessage, ServerResponse } from "node:http";
import { AwsError } from "../errors/aws-error.js";
import type { App } from "./app.js";
import { handleClock } from "./clock-api.js";
import { sendJson } from "./send-json.js";
import { handleTrail } from "./trail-api.js";

export const KEYLESS_PREFIX = "/_keyless/";

export async function handleKeylessApi(
  app: App,
  req: IncomingMessage,
  res: ServerResponse,
  rawPath: string,
): Promise<void> {
  const path = rawPath.slice(KEYLESS_PREFIX.length).replace(/\/$/, "");
  try {
    await route(app, req, res, path, rawPath);
  } catch (error) {
    if (!(error instanceof AwsError)) throw error;
    sendJson(res, error.status, { error: error.wireCode, message: error.message });
  }
}

async function route(
  app: App,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  rawPath: string,
) {
  if (path === "clock") return handleClock(app, req, res);
  if (req.method !== "GET" && req.method !== "HEAD") {
    return sendJson(res, 405, { error: "MethodNotAllowed", message: `Use GET for ${rawPath}.` });
  }
  if (path === "health") return sendJson(res, 200, { status: "ok", version: app.config.version });
  if (path === "trail") return handleTrail(app, req, res);
  const instance = /^instances\/(i-[0-9a-f]+)$/.exec(path);
  if (instance) return describeInstance(app, res, instance[1] as string);
  sendJson(res, 404, { error: "NotFound", message: `No keyless resource at ${rawPath}.` });
}

async function describeInstance(app: App, res: ServerResponse, instanceId: string) {
  const instance = await app.model.instances.find(instanceId);
  if (!instance) {
    return sendJson(res, 404, {
      error: "InvalidInstanceID.NotFound",
      message: `The instance ID '${instanceId}' does not exist`,
    });
  }
  const association = await app.model.associations.current(instance.account, instanceId);
  sendJson(res, 200, {
    instanceId,
    account: instance.account,
    state: instance.state,
    imdsEndpoint: app.imds.endpoint(instanceId) ?? null,
    iamInstanceProfileAssociation: association
      ? {
          associationId: association.associationId,
          state: association.state,
          instanceProfileArn: association.instanceProfileArn,
        }
      : null,
  });
}
