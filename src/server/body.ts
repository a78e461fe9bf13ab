// Request bodies. Query-protocol bodies are small and read whole, so their hash can be signed.
// S3 bodies stream: decoded from aws-chunked when sent that way, and checked as they pass (the
// signed sha256, chunk signatures, the trailing checksum), so a bad body fails before any
// object becomes visible.
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming-trailers.html
import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import {
  finished,
  PassThrough,
  pipeline,
  type Readable,
  Transform,
  type TransformCallback,
} from "node:stream";
import type { Authenticated } from "../auth/authenticate.js";
import { checksumAlgorithmOf, startChecksum } from "../checksums/checksums.js";
import { AwsError } from "../errors/aws-error.js";
import { ChunkedBodyError, ChunkedDecoder } from "../sigv4/chunked-decoder.js";
import { HEADER, PAYLOAD } from "../sigv4/constants.js";
import { scopeString } from "../sigv4/string-to-sign.js";

const QUERY_BODY_LIMIT = 1024 * 1024;

export async function readQueryBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  // An oversized body is read to its end and dropped, so that the answer reaches the client
  // and the connection stays usable; only then is it refused.
  // Past 16 MiB the client is not worth waiting for: the connection is closed.
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= QUERY_BODY_LIMIT) chunks.push(chunk as Buffer);
    if (size > 16 * QUERY_BODY_LIMIT) break;
  }
  if (size > QUERY_BODY_LIMIT) {
    throw new AwsError("ValidationError", "The request body is larger than 1 MiB.", {
      status: 413,
    });
  }
  return Buffer.concat(chunks);
}

export interface S3Body {
  body: Readable;
  trailers: () => ReadonlyMap<string, string>;
}

/** A Transform that checks, once everything has passed, that the bytes were as promised. */
function verifying(update: (data: Buffer) => void, check: () => AwsError | undefined): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      update(chunk);
      done(null, chunk);
    },
    flush(done: TransformCallback) {
      done(check() ?? null);
    },
  });
}

export function s3Body(req: IncomingMessage, auth: Authenticated): S3Body {
  const { payloadHash } = auth;
  if (/^[0-9a-f]{64}$/.test(payloadHash)) {
    const hash = createHash("sha256");
    const verifier = verifying(
      (data) => hash.update(data),
      () => {
        const computed = hash.digest("hex");
        return computed === payloadHash
          ? undefined
          : new AwsError("XAmzContentSHA256Mismatch", undefined, {
              fields: {
                ClientComputedContentSHA256: payloadHash,
                S3ComputedContentSHA256: computed,
              },
            });
      },
    );
    return { body: connect(req, verifier), trailers: () => new Map() };
  }
  if (!payloadHash.startsWith("STREAMING-")) {
    return { body: connect(req, new PassThrough()), trailers: () => new Map() };
  }

  const decoder = chunkedDecoder(auth);
  const trailerName = String(req.headers[HEADER.trailer] ?? "")
    .trim()
    .toLowerCase();
  const algorithm = checksumAlgorithmOf(trailerName);
  const checksum = algorithm && startChecksum(algorithm);
  const declared = decodedLength(req.headers[HEADER.decodedContentLength]);
  const verifier = verifying(
    (data) => checksum?.update(data),
    () => {
      if (!Number.isNaN(declared) && declared !== decoder.length) {
        return new AwsError("IncompleteBody");
      }
      if (!checksum) return undefined;
      const sent = decoder.trailers.get(trailerName);
      if (sent === undefined) {
        return new AwsError("InvalidRequest", `The trailing header ${trailerName} was not sent.`);
      }
      return sent === checksum.digest()
        ? undefined
        : new AwsError(
            "BadDigest",
            `The ${algorithm?.toUpperCase()} you specified did not match the calculated checksum.`,
          );
    },
  );
  return { body: connect(req, decoder, verifier), trailers: () => decoder.trailers };
}

/** x-amz-decoded-content-length as a number, NaN when absent; anything but digits is refused. */
function decodedLength(value: string | string[] | undefined): number {
  if (value === undefined) return Number.NaN;
  const text = String(value);
  if (!/^\d{1,16}$/.test(text)) {
    throw new AwsError("InvalidArgument", "x-amz-decoded-content-length must be a whole number.", {
      fields: { ArgumentName: HEADER.decodedContentLength, ArgumentValue: text },
    });
  }
  return Number(text);
}

/**
 * The decoder of an aws-chunked body: chunk signatures chained from the request's signature
 * when the payload is STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER], none when it is
 * STREAMING-UNSIGNED-PAYLOAD-TRAILER.
 */
function chunkedDecoder(auth: Authenticated): ChunkedDecoder {
  const signed = auth.payloadHash !== PAYLOAD.streamingUnsignedTrailer;
  // Signed or not, a chunk other than the last must be at least 8 KiB: S3 answers
  // InvalidChunkSizeError, to which the JS SDK adds the advice to set requestStreamBufferSize
  // (@aws-sdk/checksums, flexibleChecksumsMiddleware).
  return new S3ChunkedDecoder(
    signed
      ? {
          key: auth.signingKey,
          amzDate: auth.amzDate,
          scope: scopeString(auth.claim.scope),
          seedSignature: auth.claim.signature,
        }
      : undefined,
    auth.payloadHash === PAYLOAD.streamingSignedTrailer,
    true,
  );
}

/** The decoder, with its failures told as S3 tells them. */
class S3ChunkedDecoder extends ChunkedDecoder {
  override _transform(chunk: Buffer, encoding: BufferEncoding, done: TransformCallback): void {
    super._transform(chunk, encoding, (error, data) =>
      error ? done(asS3Error(error)) : done(null, data),
    );
  }

  override _flush(done: TransformCallback): void {
    super._flush((error, data) => (error ? done(asS3Error(error)) : done(null, data)));
  }
}

function asS3Error(error: Error): Error {
  if (!(error instanceof ChunkedBodyError)) return error;
  if (error.kind === "signature") return new AwsError("SignatureDoesNotMatch");
  if (error.kind === "chunk-size") {
    return new AwsError("InvalidChunkSizeError", undefined, { fields: error.fields });
  }
  return new AwsError("IncompleteBody", error.message);
}

/**
 * Pipes req through the stages; a failure anywhere surfaces as an error on the last one. The
 * request itself is left out of the failure: destroying it would reset the connection before
 * the client reads S3's error, so what is left of the body is drained instead.
 */
function connect(req: IncomingMessage, ...stages: Transform[]): Readable {
  const first = stages[0] as Transform;
  const last = stages[stages.length - 1] as Transform;
  finished(req, (error) => {
    if (error && !first.destroyed) first.destroy(error);
  });
  req.pipe(first);
  const drain = () => {
    req.unpipe(first);
    req.resume();
  };
  if (stages.length === 1) {
    first.once("error", drain);
    return first;
  }
  pipeline(stages, (error) => {
    if (!error) return;
    drain();
    if (!last.destroyed) last.destroy(error);
  });
  return last;
}
