// Whether a failure is the client's leaving (a reset or closed connection) rather than ours:
// such a request needs no answer and no error in the log.
import type { IncomingMessage } from "node:http";

const CLIENT_GONE = new Set(["ECONNRESET", "EPIPE", "ERR_STREAM_PREMATURE_CLOSE", "ECONNABORTED"]);

export function clientWentAway(req: IncomingMessage, error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return req.socket.destroyed || (code !== undefined && CLIENT_GONE.has(code));
}
