// Times written as AWS writes them, to the second. A request writes several (the Date header,
// aws:CurrentTime, the trail's eventTime, Last-Modified) and each stays the same for a whole
// second, so recent ones are kept rather than formatted again on every request.

/** ISO 8601 to the second: 2026-12-03T16:41:39Z (ServerTime, Expiration, aws:CurrentTime). */
export const isoSeconds = keptBySecond((ms) =>
  new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z"),
);

/** RFC 9110's HTTP date: Thu, 03 Dec 2026 16:41:39 GMT (Date, Last-Modified). */
export const httpDate = keptBySecond((ms) => new Date(ms).toUTCString());

/** A formatter of whole seconds, keeping the text of the last few seconds it was asked for. */
export function keptBySecond(format: (ms: number) => string): (ms: number) => string {
  const recent = new Map<number, string>();
  return function formatSecond(ms) {
    const second = Math.floor(ms / 1000);
    let text = recent.get(second);
    if (text === undefined) {
      text = format(second * 1000);
      if (recent.size >= 64) recent.clear();
      recent.set(second, text);
    }
    return text;
  };
}
