// One instance's metadata listener: the token endpoint, the IMDSv1/v2 rules for GET, then the
// metadata tree. HttpTokens is "optional" on every keyless instance, so a GET without a token is
// served (IMDSv1) and a GET with one must carry a valid, unexpired token of this instance.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Clock } from "../clock/clock.js";
import type { Logger } from "../log/logger.js";
import type { Model } from "../model/model.js";
import type { AssociationRecord, InstanceRecord, RoleRecord } from "../model/types.js";
import { HEADER, SERVER_HEADER, TOKEN_PATH } from "./constants.js";
import type { InstanceCredentials } from "./credentials.js";
import { metadataRoot } from "./metadata.js";
import { failure, type ImdsReply } from "./reply.js";
import { tokenRequest } from "./token-request.js";
import type { TokenStore } from "./tokens.js";
import { read } from "./tree.js";

export interface ListenerDeps {
  model: Model;
  clock: Clock;
  log: Logger;
  credentials: InstanceCredentials;
}

export function imdsRequestHandler(
  instance: InstanceRecord,
  tokens: TokenStore,
  deps: ListenerDeps,
) {
  return function serveImdsRequest(req: IncomingMessage, res: ServerResponse): void {
    req.resume();
    const method = req.method ?? "GET";
    const path = new URL(req.url ?? "/", "http://imds").pathname;
    answer(method, path, req, instance, tokens, deps)
      .catch((error: unknown) => {
        deps.log.imdsFailed({ instanceId: instance.instanceId }, error);
        return failure(500);
      })
      .then((reply) => {
        deps.log.imdsRequest({
          instanceId: instance.instanceId,
          method,
          path,
          status: reply.status,
        });
        res.writeHead(reply.status, {
          "content-type": reply.contentType,
          "content-length": Buffer.byteLength(reply.body),
          server: SERVER_HEADER,
          ...reply.headers,
        });
        res.end(method === "HEAD" ? undefined : reply.body);
      })
      // The client went away while we answered: nothing is left to tell it.
      .catch(() => res.destroy());
  };
}

async function answer(
  method: string,
  path: string,
  req: IncomingMessage,
  instance: InstanceRecord,
  tokens: TokenStore,
  deps: ListenerDeps,
): Promise<ImdsReply> {
  if (path.replace(/\/+$/, "") === TOKEN_PATH) return tokenRequest(method, req.headers, tokens);
  if (method !== "GET" && method !== "HEAD") return failure(405);

  const token = req.headers[HEADER.token];
  if (token !== undefined && (typeof token !== "string" || !tokens.isValid(token))) {
    return failure(401);
  }

  const association = await associated(deps.model, instance);
  const role = association && (await profileRole(deps.model, association));
  const view = { instance, association, role, delivery: token ? "2.0" : "1.0" } as const;
  return read(metadataRoot(view, deps.credentials, deps.clock), path);
}

/** The association in effect now; read on every request so that the clock decides. */
async function associated(model: Model, instance: InstanceRecord) {
  const current = await model.associations.current(instance.account, instance.instanceId);
  return current?.state === "associated" ? current : undefined;
}

async function profileRole(
  model: Model,
  association: AssociationRecord,
): Promise<RoleRecord | undefined> {
  const profileName = association.instanceProfileArn.split("/").pop() ?? "";
  const profile = await model.instanceProfiles.find(association.account, profileName);
  const roleName = profile?.roleNames[0];
  return roleName === undefined ? undefined : model.roles.find(association.account, roleName);
}
