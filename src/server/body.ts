// Request bodies. Query-protocol bodies are small and read whole, so their hash can be signed.
// S3 bodies stream: decoded from aws-chunked when sent that way, and checked as they pass (the
// signed sha256, chunk signatures, the trailing checksum), so a bad body fails before any
// object becomes visible.
import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import {
  PassThrough,
  pipeline,
  type Readable,
  Transform,
  type TransformCallback,
} from "node:stream";
import type { Authenticated } from "../auth/authenticate.js";
import { checksumAlgorithmOf, startChecksum } from "../checksums/checksums.js";
import { AwsError } from "../errors/aws-error.js";
import { ChunkedDecoder } from "../sigv4/chunked-decoder.js";
import { HEADER, PAYLOAD } from "../sigv4/constants.js";
import { scopeString } from "../sigv4/string-to-sign.js";

const QUERY_BODY_LIMIT = 1024 * 1024;

export async function readQueryBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > QUERY_BODY_LIMIT) {
      throw new AwsError("ValidationError", "The request body is larger than 1 MiB.", {
        status: 413,
      });
    }
    chunks.push(chunk as Buffer);
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
      () =>
        hash.digest("hex") === payloadHash ? undefined : new AwsError("XAmzContentSHA256Mismatch"),
    );
    return { body: connect(req, verifier), trailers: () => new Map() };
  }
  if (!payloadHash.startsWith("STREAMING-")) {
    return { body: connect(req, new PassThrough()), trailers: () => new Map() };
  }

  const signed = payloadHash !== PAYLOAD.streamingUnsignedTrailer;
  const decoder = new ChunkedDecoder(
    signed
      ? {
          key: auth.signingKey,
          amzDate: auth.amzDate,
          scope: scopeString(auth.claim.scope),
          seedSignature: auth.claim.signature,
        }
      : undefined,
    payloadHash === PAYLOAD.streamingSignedTrailer,
  );
  const trailerName = String(req.headers[HEADER.trailer] ?? "").toLowerCase();
  const algorithm = checksumAlgorithmOf(trailerName);
  const checksum = algorithm && startChecksum(algorithm);
  const declared = Number(req.headers[HEADER.decodedContentLength] ?? Number.NaN);
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

/** Pipes req through the stages; a failure anywhere surfaces as an error on the last one. */
function connect(req: IncomingMessage, ...stages: Transform[]): Readable {
  const last = stages[stages.length - 1] as Transform;
  pipeline([req, ...stages], (error) => {
    if (error && !last.destroyed) last.destroy(error);
  });
  return last;
}
