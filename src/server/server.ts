// The front door: one port for every service. Each request gets an id, is routed by the
// service its signature names, authenticated, handed to its service, and logged once.
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Readable } from "node:stream";
import {
  type CallDetails,
  type RecordedDecision,
  toTrailEvent,
} from "../audit/cloudtrail-event.js";
import { anonymousAuthentication, isUnsigned } from "../auth/anonymous.js";
import {
  type Authenticated,
  authenticate,
  findClaim,
  SignatureMismatch,
} from "../auth/authenticate.js";
import { authorize, type DecisionListener, decide } from "../authz/authorize.js";
import type { LiveFacts } from "../authz/request-context.js";
import { httpDate } from "../clock/time-text.js";
import { AwsError } from "../errors/aws-error.js";
import { handleEc2 } from "../services/ec2/index.js";
import { handleIam } from "../services/iam/index.js";
import { handleS3, s3CallOf } from "../services/s3/index.js";
import { refuseFederation } from "../services/sts/federation.js";
import { handleSts } from "../services/sts/index.js";
import type { App } from "./app.js";
import { readQueryBody, type S3Body, s3Body } from "./body.js";
import { answerClientError } from "./client-error.js";
import { clientWentAway } from "./client-gone.js";
import type { AuthFacts, Reply, RequestContext, ServiceName } from "./context.js";
import { isServiceName, serviceOfVersion, signedForS3 } from "./detect-service.js";
import { asAwsError, sendError } from "./errors.js";
import { headerMap, splitTarget } from "./headers.js";
import { newHostId } from "./host-id.js";
import { handleKeylessApi, KEYLESS_PREFIX } from "./keyless-api.js";
import { redactTokens, withoutTokens } from "./redact.js";

export function createKeylessServer(app: App): Server {
  const server = createServer(function keylessRequest(req, res) {
    handle(app, req, res).catch((error: unknown) => {
      app.log.internalError({ requestId: "-" }, error);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  // "Expect: 100-continue" is answered only once a handler starts reading the body, so that a
  // request refused by its signature or its policy gets its 403 before the client sends the
  // body, as S3 does (node would otherwise send 100 Continue at once).
  server.on("checkContinue", (req: IncomingMessage, res: ServerResponse) => {
    server.emit("request", req, res);
  });
  // A large upload may take longer than node's 5-minute limit on a whole request; S3 instead
  // closes a connection that stays idle (see IDLE_MS), which handle() arranges per request.
  server.requestTimeout = 0;
  server.on("clientError", function refusedByParser(error: NodeJS.ErrnoException, socket) {
    answerClientError(error, socket, app.clock);
  });
  return server;
}

/** Sends 100 Continue, when the client asked for it, the first time body is read. */
function continueOnRead(req: IncomingMessage, res: ServerResponse, body: Readable): void {
  if (req.headers.expect?.toLowerCase() !== "100-continue") return;
  const reading = (event: string | symbol) => {
    if (event !== "data" && event !== "readable") return;
    body.off("newListener", reading);
    if (!res.headersSent) res.writeContinue();
  };
  body.on("newListener", reading);
}

/** For Query requests the body is read at once (its hash is signed), so continue first. */
function readForm(req: IncomingMessage, res: ServerResponse): Promise<Buffer> {
  if (req.headers.expect?.toLowerCase() === "100-continue") res.writeContinue();
  return readQueryBody(req);
}

async function handle(app: App, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const requestId = randomUUID();
  const s3Id = s3RequestId(requestId);
  const hostId = newHostId();
  const { rawPath, rawQuery } = splitTarget(req.url ?? "/");
  res.setHeader("date", httpDate(app.clock.now()));
  if (rawPath.startsWith(KEYLESS_PREFIX)) {
    await handleKeylessApi(app, req, res, rawPath);
    return;
  }

  const query = new URLSearchParams(rawQuery);
  const headers = headerMap(req);
  let formError: unknown;
  const form =
    isForm(req) && !signedForS3(req.headers.authorization, query)
      ? await readForm(req, res).catch((error: unknown) => {
          formError = error;
          return Buffer.alloc(0);
        })
      : undefined;
  let service: ServiceName = guessService(query, form);
  let operation = "-";
  let facts: AuthFacts | undefined;
  let claimedKeyId: string | undefined;
  let failure: AwsError | undefined;
  let details: CallDetails | undefined;
  const decisions: RecordedDecision[] = [];
  const recordDecision: DecisionListener = (action, resource, decision) => {
    decisions.push({ action, resource, decision });
  };
  try {
    if (formError) throw formError;
    refuseFederation(service, query, form);
    const signed = { method: req.method ?? "GET", rawPath, rawQuery, query, headers };
    // An S3 request with no signature at all is the anonymous principal's (auth/anonymous.ts).
    const anonymous =
      service === "s3" && isUnsigned(signed)
        ? anonymousAuthentication(signed, app.config.region)
        : undefined;
    const claim = anonymous?.claim ?? findClaim(signed, service, app.config);
    if (!isServiceName(claim.scope.service)) {
      throw new AwsError(
        "InvalidAction",
        `keyless does not serve the ${claim.scope.service} service.`,
        { status: 400 },
      );
    }
    service = claim.scope.service;
    claimedKeyId = claim.scope.accessKeyId;
    setIdHeaders(res, service, service === "s3" ? s3Id : requestId, hostId);

    let params: URLSearchParams | undefined;
    let bodySha256: string | undefined;
    if (service !== "s3") {
      const body = form ?? (await readForm(req, res));
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
      signatureVersion: claim.version,
      contentSha256: headers.get("x-amz-content-sha256")?.[0],
      signatureAgeMs: auth.signatureAgeMs,
      region: auth.region,
    };
    const live: LiveFacts = {
      auth: facts,
      service,
      sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, "") ?? "127.0.0.1",
      userAgent: req.headers["user-agent"],
      referer: req.headers.referer,
      secure: false,
      now: app.clock.now(),
    };
    const body =
      service === "s3" ? openS3Body(req, res, auth, { requestId: s3Id, hostId }) : undefined;
    const ctx: RequestContext = {
      requestId,
      service,
      req,
      res,
      rawPath,
      rawQuery,
      query,
      auth: facts,
      body: body?.body ?? (() => req),
      trailers: body?.trailers ?? (() => new Map()),
      model: app.model,
      clock: app.clock,
      config: app.config,
      log: app.log,
      imds: app.imds,
      authorize: (input) => authorize(app.model, live, service, input, recordDecision),
      decide: (input, options) =>
        decide(app.model, live, input, options?.record === false ? undefined : recordDecision),
      nameOperation: (name) => {
        operation = name;
      },
      describeCall: (described) => {
        details = described;
      },
    };
    if (service === "s3") await handleS3(ctx);
    else sendReply(res, await dispatchQuery(service, ctx, params as URLSearchParams));
  } catch (thrown) {
    // Refused before the service named it (a bad signature, say): the trail still says what
    // the request asked for.
    if (service === "s3" && operation === "-") {
      const asked = s3CallOf(req.method ?? "GET", rawPath, query, req.headers, app.config.host);
      operation = asked?.name ?? "-";
      details = asked?.details;
    }
    let error = asAwsError(thrown);
    if (!error && clientWentAway(req, thrown)) {
      // Nobody is left to answer: the upload was abandoned, and nothing of it was kept.
      error = new AwsError("IncompleteBody", "The client closed the connection mid-request.");
    } else if (!error) {
      // Our fault: logged with its stack, answered with the service's InternalError document.
      app.log.internalError({ requestId }, thrown);
      error = new AwsError("InternalError");
    }
    if (thrown instanceof SignatureMismatch) {
      app.log.signatureMismatch({
        requestId,
        canonicalRequest: redactTokens(thrown.canonical),
        stringToSign: thrown.toSign,
      });
    }
    error = withoutTokens(error);
    failure = error;
    app.log.rejected({ requestId, service, code: error.wireCode, reason: error.message });
    const shownId = service === "s3" ? s3Id : requestId;
    setIdHeaders(res, service, shownId, hostId);
    sendError(
      res,
      service,
      s3Only(service, error),
      { requestId: shownId, hostId },
      req.method === "HEAD",
    );
    req.resume();
  } finally {
    // Every call, refused ones too: one that never got as far as a key is an Unknown identity.
    app.trail.record(
      toTrailEvent({
        // The id the client was given: S3's own form for S3, as CloudTrail records it.
        requestId: service === "s3" ? s3Id : requestId,
        time: app.clock.now(),
        service,
        operation,
        region: facts?.region ?? app.config.region,
        sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, "") ?? "",
        userAgent: req.headers["user-agent"] ?? "",
        status: res.statusCode,
        ...(facts ? { caller: facts.caller } : {}),
        ...(claimedKeyId ? { claimedKeyId } : {}),
        ...(failure ? { errorCode: failure.wireCode, errorMessage: failure.message } : {}),
        decisions,
        ...(details ? { details } : {}),
      }),
    );
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

/** S3 shows the signature detail fields (without the token); the others only the message. */
function s3Only(service: ServiceName, error: AwsError): AwsError {
  if (Object.keys(error.fields).length === 0) return error;
  if (service === "s3") {
    const fields = Object.fromEntries(
      Object.entries(error.fields).map(([name, value]) => [name, redactTokens(value)]),
    );
    return new AwsError(error.code, error.message, { status: error.status, fields });
  }
  return new AwsError(error.code, error.message, { status: error.status });
}

/** S3 answers RequestTimeout when a connection sends nothing for about 20 seconds. */
const IDLE_MS = 20_000;

/**
 * An S3 body: refused without a length, closed when idle, continued when first read. Its
 * decoding and checking stages are made only for a handler that reads it.
 */
function openS3Body(
  req: IncomingMessage,
  res: ServerResponse,
  auth: Authenticated,
  ids: { requestId: string; hostId: string },
): { body: () => Readable; trailers: () => ReadonlyMap<string, string> } {
  closeWhenIdle(req, res, ids);
  requireLength(req);
  let opened: S3Body | undefined;
  return {
    body: function openBody() {
      if (opened === undefined) {
        opened = s3Body(req, auth);
        continueOnRead(req, res, opened.body);
      }
      return opened.body;
    },
    trailers: () => opened?.trailers() ?? new Map(),
  };
}

function closeWhenIdle(
  req: IncomingMessage,
  res: ServerResponse,
  ids: { requestId: string; hostId: string },
): void {
  req.setTimeout(IDLE_MS, function idle() {
    if (!res.headersSent) sendError(res, "s3", new AwsError("RequestTimeout"), ids);
    res.once("finish", () => req.socket.destroy());
    if (res.headersSent && !res.writableEnded) req.socket.destroy();
  });
}

/**
 * A body of unknown length (chunked transfer without aws-chunked's decoded length) is refused,
 * as S3 refuses it: "You must provide the Content-Length HTTP header."
 */
function requireLength(req: IncomingMessage): void {
  const chunked = /chunked/i.test(req.headers["transfer-encoding"] ?? "");
  if (!chunked || req.headers["x-amz-decoded-content-length"] !== undefined) return;
  throw new AwsError("MissingContentLength");
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

/** The request's ids as the service writes them; requestId is in S3's form for S3. */
function setIdHeaders(
  res: ServerResponse,
  service: ServiceName,
  requestId: string,
  hostId: string,
) {
  if (res.headersSent) return;
  if (service === "s3") {
    res.setHeader("x-amz-request-id", requestId);
    res.setHeader("x-amz-id-2", hostId);
  } else {
    res.setHeader("x-amzn-requestid", requestId);
  }
}

/** S3 request ids are 16 upper-case hex digits: here the first 16 of the request's UUID. */
const s3RequestId = (uuid: string): string =>
  `${uuid.slice(0, 8)}${uuid.slice(9, 13)}${uuid.slice(14, 18)}`.toUpperCase();
