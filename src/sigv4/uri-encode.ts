// RFC 3986 percent-encoding as SigV4 uses it: unreserved characters stay, every other byte of
// the UTF-8 form becomes %XX with upper-case hex.

const UNRESERVED = /[A-Za-z0-9\-._~]/;
const ALL_UNRESERVED = /^[A-Za-z0-9\-._~]*$/;
/** What encodeURIComponent leaves alone that RFC 3986 encoding does not. */
const SUB_DELIMS = /[!'()*]/g;
const HAS_SUB_DELIMS = /[!'()*]/;

export function uriEncode(text: string, keepSlash = false): string {
  if (ALL_UNRESERVED.test(text)) return text;
  let encoded: string;
  try {
    encoded = encodeURIComponent(text);
  } catch {
    // A lone surrogate: encoded below as the UTF-8 of U+FFFD, as Buffer.from writes it.
    return encodeByChar(text, keepSlash);
  }
  if (HAS_SUB_DELIMS.test(encoded)) {
    encoded = encoded.replace(
      SUB_DELIMS,
      (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
    );
  }
  return keepSlash ? encoded.replaceAll("%2F", "/") : encoded;
}

function encodeByChar(text: string, keepSlash: boolean): string {
  let out = "";
  for (const char of text) {
    if (UNRESERVED.test(char) || (keepSlash && char === "/")) {
      out += char;
      continue;
    }
    for (const byte of Buffer.from(char, "utf8")) {
      out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    }
  }
  return out;
}

/** Decodes %XX escapes; a malformed escape is kept as text rather than rejected. */
export function percentDecode(text: string): string {
  if (!text.includes("%")) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}
