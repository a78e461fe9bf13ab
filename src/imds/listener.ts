// One instance's metadata listener: the instance's metadata options, the token endpoint, the
// IMDSv1/v2 rules for GET, then the metadata tree. The instance record is read again on every
// request, so that ModifyInstanceMetadataOptions and tag changes reach a running listener.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Clock } from "../clock/clock.js";
import type { Logger } from "../log/logger.js";
import { metadataOptionsAt } from "../model/instances.js";
import type { Model } from "../model/model.js";
import type { InstanceRecord } from "../model/types.js";
import { HEADER, SERVER_HEADER, TOKEN_PATH } from "./constants.js";
import type { InstanceCredentials } from "./credentials.js";
import { servedProfile } from "./instance-profile.js";
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
  /** How long a ModifyInstanceMetadataOptions change stays pending. */
  propagationDelayMs: number;
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
  launched: InstanceRecord,
  tokens: TokenStore,
  deps: ListenerDeps,
): Promise<ImdsReply> {
  const instance = await deps.model.instances.get(launched.account, launched.instanceId);
  const { inForce: options } = metadataOptionsAt(
    instance,
    deps.clock.now(),
    deps.propagationDelayMs,
  );
  // HttpEndpoint disabled: "403 - Forbidden … if the request isn't allowed or IMDS is turned
  // off" (AWS re:Post, "How do I troubleshoot instance metadata issues on my EC2 Linux
  // instance?"), token requests included. The SDKs take a 403 on the token as "no IMDSv2" and
  // then get 403 on every GET as well.
  if (options.httpEndpoint === "disabled") return failure(403);

  // HttpPutResponseHopLimit is kept and reported but not enforced: on AWS it is the IP TTL of
  // the token response, so that a token cannot cross a container bridge; on 127.0.0.1 every
  // client is zero hops away and there is no TTL to set that would mean the same. Likewise
  // HttpProtocolIpv6 is kept and reported, but the listener answers on 127.0.0.1 only.
  if (path.replace(/\/+$/, "") === TOKEN_PATH) return tokenRequest(method, req.headers, tokens);
  if (method !== "GET" && method !== "HEAD") return failure(405);

  // A token that is sent must be valid whatever HttpTokens says; with HttpTokens required a GET
  // without one is refused too ("Use IMDSv2": IMDSv1 requests get 401 - Unauthorized).
  const token = req.headers[HEADER.token];
  if (token !== undefined && (typeof token !== "string" || !tokens.isValid(token))) {
    return failure(401);
  }
  if (token === undefined && options.httpTokens === "required") return failure(401);

  const view = {
    instance,
    options,
    served: await servedProfile(deps.model, instance),
    delivery: token ? "2.0" : "1.0",
  } as const;
  return read(metadataRoot(view, deps.credentials, deps.clock), path);
}
