import { createHmac } from "node:crypto";

// Step 2 of Signature Version 2: Base64(HMAC-SHA1(secret, UTF-8(StringToSign))).
// https://docs.aws.amazon.com/AmazonS3/latest/API/RESTAuthentication.html
export function signV2(secret: string, stringToSign: string): string {
  return createHmac("sha1", secret).update(stringToSign, "utf8").digest("base64");
}
