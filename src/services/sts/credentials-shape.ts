import { isoSeconds } from "../../clock/time-text.js";

/** The Credentials element every credential-issuing STS operation returns. */
export const credentialsShape = (session: {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: number;
}) => ({
  AccessKeyId: session.accessKeyId,
  SecretAccessKey: session.secretAccessKey,
  SessionToken: session.sessionToken,
  Expiration: isoSeconds(session.expiration),
});
