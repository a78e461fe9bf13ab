// Principal and NotPrincipal: "*" or an object of AWS / Service / Federated / CanonicalUser.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html

import { Failure, isObject, stringList } from "./failure.js";
import { messages } from "./messages.js";
import type { ParsedPrincipal } from "./parsed.js";

const TYPES = ["AWS", "Service", "Federated", "CanonicalUser"] as const;

const ACCOUNT_ID = /^\d{12}$/;
const ARN = /^arn:[^:]+:(iam|sts)::\d{12}:\S+$/;
/** An IAM unique ID such as AIDA… (a user) or AROA… (a role), the form a saved policy keeps. */
export const UNIQUE_ID = /^A[A-Z0-9]{15,}$/;

export function parsePrincipal(value: unknown): ParsedPrincipal | Failure {
  const principal: ParsedPrincipal = {
    any: false,
    AWS: [],
    Service: [],
    Federated: [],
    CanonicalUser: [],
  };
  if (value === "*") return { ...principal, any: true };
  if (!isObject(value)) return new Failure(messages.invalidPrincipal(JSON.stringify(value)));

  for (const [type, entry] of Object.entries(value)) {
    if (!(TYPES as readonly string[]).includes(type)) {
      return new Failure(messages.invalidPrincipal(`"${type}"`));
    }
    const list = stringList(entry, new Failure(messages.invalidPrincipal(JSON.stringify(entry))));
    if (list instanceof Failure) return list;
    principal[type as (typeof TYPES)[number]] = list;
  }

  for (const aws of principal.AWS) {
    // An AWS principal is "*", an account id, or an IAM/STS ARN (wildcards are not allowed in
    // ARNs; unique ids such as AIDA... are accepted as opaque text).
    const valid = aws === "*" || ACCOUNT_ID.test(aws) || ARN.test(aws) || UNIQUE_ID.test(aws);
    if (!valid) return new Failure(messages.invalidPrincipal(`"AWS":"${aws}"`));
  }
  return principal;
}
