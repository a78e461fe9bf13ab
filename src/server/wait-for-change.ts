import type { ServerResponse } from "node:http";

/**
 * Resolves at the next change that `subscribe` reports, after `ms`, or when the client goes
 * away, whichever comes first: the long poll behind /_keyless/clock and /_keyless/trail.
 */
export function waitForChange(
  subscribe: (listener: () => void) => () => void,
  res: ServerResponse,
  ms: number,
): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stop();
      res.off("close", done);
      resolve();
    };
    const stop = subscribe(done);
    const timer = setTimeout(done, ms);
    res.on("close", done);
  });
}
