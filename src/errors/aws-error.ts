import { ERRORS, type ErrorCode, WIRE_CODE } from "./registry.js";

/** Extra elements some wire forms carry (S3's BucketName, Key, StringToSign, …). */
export type ErrorFields = Readonly<Record<string, string>>;

/**
 * An error a client caused (or, for InternalError, one we did), with the message AWS would send.
 * Data only: rendering is the job of each protocol's renderer.
 */
export class AwsError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields: ErrorFields;

  constructor(
    code: ErrorCode,
    message?: string,
    options: { status?: number; fields?: ErrorFields } = {},
  ) {
    super(message ?? ERRORS[code].message);
    this.name = "AwsError";
    this.code = code;
    this.status = options.status ?? ERRORS[code].status;
    this.fields = options.fields ?? {};
  }

  /** The code as it appears on the wire. */
  get wireCode(): string {
    return WIRE_CODE[this.code] ?? this.code;
  }

  get fault(): "Sender" | "Receiver" {
    return ERRORS[this.code].fault;
  }
}

export function isAwsError(value: unknown): value is AwsError {
  return value instanceof AwsError;
}
