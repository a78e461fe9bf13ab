// keyless's own surface under /_keyless/: health and instances (read-only, for the CLI and
// people). Nothing here changes state without the account's root credentials.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { App } from "./app.js";

export const KEYLESS_PREFIX = "/_keyless/";

export async function handleKeylessApi(
  app: App,
  req: IncomingMessage,
  res: ServerResponse,
  rawPath: string,
): Promise<void> {
  const path = rawPath.slice(KEYLESS_PREFIX.length).replace(/\/$/, "");
  if (req.method !== "GET" && req.method !== "HEAD") {
    return sendJson(res, 405, { error: "MethodNotAllowed", message: "Use GET." });
  }
  if (path === "health") {
    return sendJson(res, 200, { status: "ok", version: app.config.version });
  }
  const instance = /^instances\/(i-[0-9a-f]+)$/.exec(path);
  if (instance) return describeInstance(app, res, instance[1] as string);
  sendJson(res, 404, { error: "NotFound", message: `No keyless resource at ${rawPath}.` });
}

async function describeInstance(app: App, res: ServerResponse, instanceId: string) {
  const instance = await app.model.instances
    .listAll()
    .then((all) => all.find((i) => i.instanceId === instanceId));
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

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = `${JSON.stringify(value, null, 2)}\n`;
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}
