// encoding-type=url: S3 URL-encodes keys and prefixes in a listing so that a key holding
// characters XML 1.0 cannot carry still lists (Amazon S3 API Reference, ListObjectsV2,
// EncodingType). Like S3 it leaves unreserved characters and "/" as they are and writes a space
// as "+", which is why a plus sign itself becomes %2B; botocore decodes with unquote_plus.

const KEPT = /[A-Za-z0-9\-_.~/]/;

export function s3UrlEncode(text: string): string {
  let out = "";
  for (const char of text) {
    if (KEPT.test(char)) out += char;
    else if (char === " ") out += "+";
    else
      for (const byte of Buffer.from(char, "utf8"))
        out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** Encodes when the request asked for it, else returns the text as is. */
export const encoderFor =
  (encodeUrl: boolean) =>
  (text: string): string =>
    encodeUrl ? s3UrlEncode(text) : text;
