import { timingSafeEqual } from "node:crypto";

// Step 4: compare the signature the client sent with ours, in constant time.
export function signaturesMatch(expected: string, given: string): boolean {
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(given, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}
