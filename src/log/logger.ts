// Every log line keyless writes comes from this module. Levels by rule: a 5xx is error, a denied
// or malformed request is info, a decision trace or signature detail is debug. Secret keys,
// session tokens and IMDS tokens are never passed here.
import { pino } from "pino";

export interface LogOptions {
  level: string;
  /**
   * Where lines go; standard output when absent. "stderr" writes to file descriptor 2 without
   * waiting for each line (pino flushes what is pending when the process exits): a synchronous
   * write per request cost the server a tenth of its throughput on small GETs.
   */
  destination?: NodeJS.WritableStream | "stderr";
}

export class Logger {
  private readonly out: pino.Logger;

  constructor(options: LogOptions) {
    const destination =
      options.destination === "stderr"
        ? pino.destination({ dest: 2, sync: false })
        : (options.destination ?? process.stdout);
    this.out = pino({ level: options.level, base: null }, destination);
  }

  listening(fields: { endpoint: string; account: string; region: string; dataDir: string }) {
    this.out.info(fields, "keyless listening");
  }

  request(fields: {
    requestId: string;
    service: string;
    operation: string;
    status: number;
    principal?: string;
    accessKeyId?: string;
    ms: number;
  }) {
    if (fields.status >= 500) this.out.error(fields, "request failed");
    else this.out.info(fields, "request");
  }

  rejected(fields: { requestId: string; service: string; code: string; reason: string }) {
    this.out.info(fields, "request rejected");
  }

  signatureMismatch(fields: { requestId: string; canonicalRequest: string; stringToSign: string }) {
    this.out.debug(fields, "signature mismatch");
  }

  decision(fields: { requestId: string; action: string; resource: string; decision: unknown }) {
    this.out.debug(fields, "policy decision");
  }

  internalError(fields: { requestId: string }, error: unknown) {
    this.out.error({ ...fields, err: error }, "internal error");
  }

  imdsListening(fields: { instanceId: string; endpoint: string }) {
    this.out.info(fields, "imds listening");
  }

  imdsNotStarted(fields: { instanceId: string; reason: string }) {
    this.out.warn(fields, "imds not started");
  }

  imdsRequest(fields: { instanceId: string; method: string; path: string; status: number }) {
    this.out.debug(fields, "imds request");
  }

  imdsFailed(fields: { instanceId: string }, error: unknown) {
    this.out.error({ ...fields, err: error }, "imds failed");
  }
}
