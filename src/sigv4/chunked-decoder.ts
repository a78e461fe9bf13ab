// aws-chunked bodies: `<hex size>[;chunk-signature=<sig>]\r\n<bytes>\r\n` repeated, a zero-size
// chunk, then optional trailing headers and, for signed trailers, x-amz-trailer-signature.
// Each chunk signature chains on the previous one, starting from the request's signature.
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming-trailers.html
import { createHash } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";
import { EMPTY_SHA256 } from "./constants.js";
import { sign } from "./signing-key.js";
import { signaturesMatch } from "./verify.js";

export interface ChunkSigning {
  key: Buffer;
  amzDate: string;
  scope: string;
  seedSignature: string;
}

export class ChunkedBodyError extends Error {
  constructor(
    readonly kind: "malformed" | "signature" | "chunk-size",
    message: string,
    /** For chunk-size: the chunk's 1-based number and its size, as S3 reports them. */
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

const CRLF = Buffer.from("\r\n");
const MAX_HEADER_LINE = 4096;
/** Trailing headers are a few checksums and a signature; more than this is not a trailer. */
const MAX_TRAILER_BYTES = 16 * 1024;
/**
 * "The chunk size must be at least 8 KB … This chunk size applies to all chunks except the
 * last one" (sigv4-streaming.html, "Defining the chunked body").
 */
export const MIN_CHUNK_SIZE = 8192;

/** Decodes an aws-chunked stream; verifies chunk signatures when `signing` is given. */
export class ChunkedDecoder extends Transform {
  readonly trailers = new Map<string, string>();
  private pending: Buffer = Buffer.alloc(0);
  private remaining = -1; // bytes left in the current chunk's data; -1 while reading a header
  private chunkSignature: string | undefined;
  private chunkHash = createHash("sha256");
  private previous: string;
  private finished = false;
  private decodedLength = 0;
  private chunks = 0;
  private previousSize = 0;

  /**
   * `minimumChunkSize`: refuse a chunk smaller than MIN_CHUNK_SIZE that another data chunk
   * follows, as S3 does.
   */
  constructor(
    private readonly signing: ChunkSigning | undefined,
    private readonly signedTrailer = false,
    private readonly minimumChunkSize = false,
  ) {
    super();
    this.previous = signing?.seedSignature ?? "";
  }

  get length(): number {
    return this.decodedLength;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    if (this.finished && this.pending.length > MAX_TRAILER_BYTES) {
      done(new ChunkedBodyError("malformed", "The trailing headers are too long."));
      return;
    }
    try {
      this.drain();
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    if (!this.finished) {
      done(new ChunkedBodyError("malformed", "The aws-chunked body ended before its final chunk."));
      return;
    }
    try {
      this.finishTrailers();
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  private drain(): void {
    while (this.pending.length > 0 && !this.finished) {
      if (this.remaining < 0) {
        if (!this.readChunkHeader()) return;
        continue;
      }
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, this.pending.length);
        const data = this.pending.subarray(0, take);
        this.pending = this.pending.subarray(take);
        this.remaining -= take;
        this.decodedLength += take;
        if (this.signing) this.chunkHash.update(data);
        this.push(data);
        continue;
      }
      if (this.pending.length < 2) return;
      if (!this.pending.subarray(0, 2).equals(CRLF)) {
        throw new ChunkedBodyError("malformed", "A chunk's data is not followed by CRLF.");
      }
      this.pending = this.pending.subarray(2);
      this.endChunk();
    }
  }

  /** Reads `size[;chunk-signature=…]\r\n`; returns false when more bytes are needed. */
  private readChunkHeader(): boolean {
    const end = this.pending.indexOf(CRLF);
    if (end < 0) {
      if (this.pending.length > MAX_HEADER_LINE) {
        throw new ChunkedBodyError("malformed", "A chunk header is too long.");
      }
      return false;
    }
    const line = this.pending.subarray(0, end).toString("latin1");
    this.pending = this.pending.subarray(end + 2);
    const [sizeText = "", ...extensions] = line.split(";");
    if (!/^[0-9a-fA-F]{1,16}$/.test(sizeText)) {
      throw new ChunkedBodyError("malformed", `A chunk size is not hexadecimal: "${sizeText}".`);
    }
    const size = Number.parseInt(sizeText, 16);
    this.chunks += 1;
    if (
      this.minimumChunkSize &&
      size > 0 &&
      this.chunks > 1 &&
      this.previousSize < MIN_CHUNK_SIZE
    ) {
      throw new ChunkedBodyError("chunk-size", "A chunk other than the last is under 8 KiB.", {
        Chunk: String(this.chunks - 1),
        BadChunkSize: String(this.previousSize),
      });
    }
    this.previousSize = size;
    const signature = extensions.find((e) => e.startsWith("chunk-signature="));
    this.chunkSignature = signature?.slice("chunk-signature=".length);
    if (this.signing && !this.chunkSignature) {
      throw new ChunkedBodyError("signature", "A chunk has no chunk-signature.");
    }
    if (size === 0) {
      this.verifyChunk();
      this.finished = true;
      return true;
    }
    this.remaining = size;
    return true;
  }

  private endChunk(): void {
    this.verifyChunk();
    this.remaining = -1;
  }

  private verifyChunk(): void {
    if (!this.signing) return;
    const { key, amzDate, scope } = this.signing;
    const hash = this.chunkHash.digest("hex");
    this.chunkHash = createHash("sha256");
    const toSign = [
      "AWS4-HMAC-SHA256-PAYLOAD",
      amzDate,
      scope,
      this.previous,
      EMPTY_SHA256,
      hash,
    ].join("\n");
    const expected = sign(key, toSign);
    if (!signaturesMatch(expected, this.chunkSignature ?? "")) {
      throw new ChunkedBodyError("signature", "A chunk signature does not match.");
    }
    this.previous = expected;
  }

  /** After the final chunk: `name:value\r\n` lines, then an empty line. */
  private finishTrailers(): void {
    const lines: string[] = [];
    let signature: string | undefined;
    for (const raw of this.pending.toString("latin1").split("\r\n")) {
      const line = raw.trim();
      if (line === "") continue;
      const at = line.indexOf(":");
      if (at <= 0) throw new ChunkedBodyError("malformed", "A trailing header is malformed.");
      const name = line.slice(0, at).trim().toLowerCase();
      const value = line.slice(at + 1).trim();
      if (name === "x-amz-trailer-signature") signature = value;
      else {
        this.trailers.set(name, value);
        lines.push(`${name}:${value}`);
      }
    }
    this.pending = Buffer.alloc(0);
    if (this.signedTrailer) this.verifyTrailerSignature(lines, signature);
  }

  /** The trailer signature chains on the final chunk's signature. */
  private verifyTrailerSignature(lines: string[], signature: string | undefined): void {
    if (!this.signing) return;
    const { key, amzDate, scope } = this.signing;
    const hash = createHash("sha256")
      .update(lines.map((l) => `${l}\n`).join(""))
      .digest("hex");
    const toSign = ["AWS4-HMAC-SHA256-TRAILER", amzDate, scope, this.previous, hash].join("\n");
    if (!signaturesMatch(sign(key, toSign), signature ?? "")) {
      throw new ChunkedBodyError("signature", "The trailer signature does not match.");
    }
  }
}
