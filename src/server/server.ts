// The front door: one port for every service. Each request gets an id, is routed by the
// service its signature names, authenticated, handed to its service, and logged once.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { anonymousAuthentication, isUnsigned } from "../auth/anonymous.js";
import { authenticate, findClaim, SignatureMismatch } from "../auth/authenticate.js";
import { authorize, decide } from "../authz/authorize.js";
import type { LiveFacts } from "../authz/request-context.js";
import { AwsError } from "../errors/aws-error.js";
import { handleEc2 } from "../services/ec2/index.js";
import { handleIam } from "../services/iam/index.js";
import { handleS3 } from "../services/s3/index.js";
import { handleSts } from "../services/sts/index.js";
import type { App } from "./app.js";
import { readQueryBody, s3Body } from "./body.js";
import type { AuthFacts, Reply, RequestContext, ServiceName } from "./context.js";
import { isServiceName, serviceOfVersion } from "./detect-service.js";
import { asAwsError, sendError } from "./errors.js";
import { headerMap, splitTarget } from "./headers.js";
import { handleKeylessApi, KEYLESS_PREFIX } from "./keyless-api.js";

export function createKeylessServer(app: App): Server {
  return createServer(function keylessRequest(req, res) {
    handle(app, req, res).catch((error: unknown) => {
      app.log.internalError({ requestId: "-" }, error);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
}

async function handle(app: App, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const requestId = randomUUID();
  const hostId = randomBytes(24).toString("base64");
  const { rawPath, rawQuery } = splitTarget(req.url ?? "/");
  res.setHeader("date", new Date(app.clock.now()).toUTCString());
  if (rawPath.startsWith(KEYLESS_PREFIX)) {
    await handleKeylessApi(app, req, res, rawPath);
    return;
  }

  const query = new URLSearchParams(rawQuery);
  const headers = headerMap(req);
  const form = isForm(req) ? await readQueryBody(req).catch(() => Buffer.alloc(0)) : undefined;
  let service: ServiceName = guessService(query, form);
  let operation = "-";
  let facts: AuthFacts | undefined;
  try {
    const signed = { method: req.method ?? "GET", rawPath, rawQuery, query, headers };
    // An S3 request with no signature at all is the anonymous principal's (auth/anonymous.ts).
    const anonymous =
      service === "s3" && isUnsigned(signed)
        ? anonymousAuthentication(signed, app.config.region)
        : undefined;
    const claim = anonymous?.claim ?? findClaim(signed, service);
    if (!isServiceName(claim.scope.service)) {
      throw new AwsError(
        "InvalidAction",
        `keyless does not serve the ${claim.scope.service} service.`,
        { status: 400 },
      );
    }
    service = claim.scope.service;
    setIdHeaders(res, service, requestId, hostId);

    let params: URLSearchParams | undefined;
    let bodySha256: string | undefined;
    if (service !== "s3") {
      const body = form ?? (await readQueryBody(req));
      bodySha256 = createHash("sha256").update(body).digest("hex");
      params = new URLSearchParams(body.toString("utf8"));
      for (const [name, value] of query) params.append(name, value);
      operation = params.get("Action") ?? "-";
    }
    const auth =
      anonymous ??
      (await authenticate(
        bodySha256 === undefined ? signed : { ...signed, bodySha256 },
        claim,
        app.model,
        app.clock.now(),
      ));
    facts = {
      caller: auth.caller,
      accessKeyId: auth.caller.accessKeyId,
      signatureLocation: claim.location,
      contentSha256: headers.get("x-amz-content-sha256")?.[0],
      signatureAgeMs: auth.signatureAgeMs,
      region: auth.region,
    };
    const live: LiveFacts = {
      auth: facts,
      service,
      sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, "") ?? "127.0.0.1",
      secure: false,
      now: app.clock.now(),
    };
    const body = service === "s3" ? s3Body(req, auth) : undefined;
    const ctx: RequestContext = {
      requestId,
      service,
      req,
      res,
      rawPath,
      rawQuery,
      query,
      auth: facts,
      body: body?.body ?? req,
      trailers: body?.trailers ?? (() => new Map()),
      model: app.model,
      clock: app.clock,
      config: app.config,
      log: app.log,
      imds: app.imds,
      authorize: (input) => authorize(app.model, live, service, input),
      decide: (input) => decide(app.model, live, input),
    };
    if (service === "s3") await handleS3(ctx);
    else sendReply(res, await dispatchQuery(service, ctx, params as URLSearchParams));
  } catch (thrown) {
    let error = asAwsError(thrown);
    if (!error) {
      // Our fault: logged with its stack, answered with the service's InternalError document.
      app.log.internalError({ requestId }, thrown);
      error = new AwsError("InternalError");
    }
    if (thrown instanceof SignatureMismatch) {
      app.log.signatureMismatch({
        requestId,
        canonicalRequest: thrown.canonical,
        stringToSign: thrown.toSign,
      });
    }
    app.log.rejected({ requestId, service, code: error.wireCode, reason: error.message });
    setIdHeaders(res, service, requestId, hostId);
    const shownId = service === "s3" ? s3RequestId(requestId) : requestId;
    sendError(
      res,
      service,
      s3Only(service, error),
      { requestId: shownId, hostId },
      req.method === "HEAD",
    );
    req.resume();
  } finally {
    app.log.request({
      requestId,
      service,
      operation,
      status: res.statusCode,
      ...(facts ? { principal: facts.caller.arn, accessKeyId: facts.accessKeyId } : {}),
      ms: Math.round(performance.now() - started),
    });
  }
}

function dispatchQuery(service: ServiceName, ctx: RequestContext, params: URLSearchParams) {
  if (service === "ec2") return handleEc2(ctx, params);
  if (service === "sts") return handleSts(ctx, params);
  return handleIam(ctx, params);
}

function sendReply(res: ServerResponse, reply: Reply): void {
  res.statusCode = reply.status ?? 200;
  res.setHeader("content-type", reply.contentType);
  res.setHeader("content-length", Buffer.byteLength(reply.body));
  res.end(reply.body);
}

/** S3 shows the signature detail fields; the other services only the message. */
function s3Only(service: ServiceName, error: AwsError): AwsError {
  if (service === "s3" || Object.keys(error.fields).length === 0) return error;
  return new AwsError(error.code, error.message, { status: error.status });
}

function isForm(req: IncomingMessage): boolean {
  const type = req.headers["content-type"] ?? "";
  return req.method === "POST" && type.startsWith("application/x-www-form-urlencoded");
}

/** Before the signature is read: the Query API version names the service; otherwise S3. */
function guessService(query: URLSearchParams, form: Buffer | undefined): ServiceName {
  const version =
    query.get("Version") ?? new URLSearchParams(form?.toString("utf8")).get("Version");
  if (version !== null || form !== undefined) return serviceOfVersion(version);
  return "s3";
}

function setIdHeaders(
  res: ServerResponse,
  service: ServiceName,
  requestId: string,
  hostId: string,
) {
  if (res.headersSent) return;
  if (service === "s3") {
    res.setHeader("x-amz-request-id", s3RequestId(requestId));
    res.setHeader("x-amz-id-2", hostId);
  } else {
    res.setHeader("x-amzn-requestid", requestId);
  }
}

/** S3 request ids are 16 upper-case hex digits. */
const s3RequestId = (requestId: string): string =>
  requestId.replaceAll("-", "").slice(0, 16).toUpperCase();
