// The public contract of the policy engine. Everything in src/policy/ is pure: no I/O, no logging,
// no clock reads (the current time arrives in the request context as aws:CurrentTime).

/** What kind of policy a document is; it decides which elements are required or forbidden. */
export type PolicyKind =
  | "identity" // user, group or role policy, inline or managed: no Principal allowed
  | "resource" // bucket policy and other resource-based policies: Principal required
  | "trust" // a role's assume-role policy: a resource policy whose resource is the role
  | "boundary" // permissions boundary: an identity policy used as a cap
  | "session"; // AssumeRole Policy / PolicyArns: an identity policy used as a cap

export interface PolicyProblem {
  /** LimitExceeded only for a document over its size quota, as IAM answers. */
  code: "MalformedPolicyDocument" | "LimitExceeded";
  /** A sentence a person can act on, such as "Policy document should not specify a principal." */
  message: string;
}

export type ParseResult<P> = { ok: true; policy: P } | { ok: false; error: PolicyProblem };

/** Which policy a statement came from, for explanations and the trail. */
export interface PolicySource {
  type:
    | "IAM Policy" // an identity-based policy, inline or managed
    | "Resource Policy"
    | "Trust Policy"
    | "Permissions Boundary Policy"
    | "Session Policy";
  /** Inline policy name, managed policy ARN, or a label such as the bucket name. */
  id: string;
  /** True for an inline policy, false for a managed one. */
  inline?: boolean;
  /** For an inline policy: the kind of entity it is embedded in (a user's group's, say). */
  owner?: "user" | "role" | "group";
}

/**
 * Request context values, one array per key. Keys are matched case-insensitively by the
 * engine (the caller may pass them in any case). A single-valued key has a one-element array.
 * A key that is absent from the map is absent from the request.
 */
export type ContextValues = ReadonlyMap<string, readonly string[]>;

/** Who is calling, as the engine needs it for Principal matching and variables. */
export interface CallerIdentity {
  /** The ARN the caller is known by: user ARN, assumed-role session ARN, or account root ARN. */
  arn: string;
  /** The ARN that principal-based policy elements match: for an assumed role, the role ARN. */
  principalArn: string;
  /**
   * The unique ID of the IAM user, or of the role of a role session (AIDA…, AROA…): the form in
   * which a saved resource policy names a user or role. Absent for any other caller.
   */
  principalId?: string;
  account: string;
  /** For AWS services calling (trust policies: "Service": "ec2.amazonaws.com"). */
  service?: string;
  /** Federated identity provider, when the session came from one. */
  federated?: string;
  /** S3 canonical user id, when known. */
  canonicalUser?: string;
}

export interface EvaluationRequest {
  caller: CallerIdentity;
  /** The action as "service:Action"; matched case-insensitively. */
  action: string;
  /** The resource ARN (or "*" for actions without a resource type). */
  resource: string;
  /** Account owning the resource; undefined means the caller's account. */
  resourceAccount?: string;
  context: ContextValues;
  identityPolicies: readonly AttachedPolicy[];
  /** Absent means no boundary is set (not: a boundary that allows nothing). */
  permissionsBoundary?: AttachedPolicy;
  /** Absent means no session policy was passed. */
  sessionPolicies?: readonly AttachedPolicy[];
  /** The resource-based policy of the resource (bucket policy, trust policy), if any. */
  resourcePolicy?: AttachedPolicy;
}

export type EvalDecision = "allowed" | "explicitDeny" | "implicitDeny";

export interface MatchedStatement {
  source: PolicySource;
  /** Sid when the statement has one, else its zero-based index as text. */
  statement: string;
  effect: "Allow" | "Deny";
}

export interface Decision {
  decision: EvalDecision;
  /** The statement that decided: the first explicit deny, or an allow that granted. */
  decidedBy?: MatchedStatement;
  /** Every statement that matched the request. */
  matched: readonly MatchedStatement[];
  /** For an implicit deny: the policy types that had no allow (as AWS words them). */
  missingAllows: readonly (
    | "identity-based"
    | "permissions boundary"
    | "session"
    | "resource-based"
  )[];
  /** Condition keys the policies referenced that the context lacked. */
  missingContextValues: readonly string[];
}

/** A compiled policy with where it came from. CompiledPolicy is built by compilePolicy(). */
export interface AttachedPolicy {
  source: PolicySource;
  policy: import("./compile.js").CompiledPolicy;
}
