// Every AWS error code keyless answers with, its HTTP status and the message AWS sends when the
// code needs no detail. Services raise AwsError values; src/errors/render-*.ts turn them into the
// wire form of each protocol. The registry is walked by test/errors/registry.test.ts.

export interface ErrorSpec {
  status: number;
  /** "Sender" for a client fault, "Receiver" for ours (the Query protocol's Error/Type). */
  fault: "Sender" | "Receiver";
  message: string;
}

const sender = (status: number, message: string): ErrorSpec => ({
  status,
  fault: "Sender",
  message,
});

export const ERRORS = {
  // Authentication, every service.
  AccessDenied: sender(403, "Access Denied"),
  AuthorizationHeaderMalformed: sender(400, "The authorization header you provided is invalid."),
  AuthorizationQueryParametersError: sender(400, "Query-string authentication is malformed."),
  AuthFailure: sender(401, "AWS was not able to validate the provided access credentials"),
  ExpiredToken: sender(403, "The security token included in the request is expired"),
  IncompleteSignature: sender(400, "The request signature does not conform to AWS standards."),
  InvalidAccessKeyId: sender(
    403,
    "The AWS Access Key Id you provided does not exist in our records.",
  ),
  InvalidClientTokenId: sender(403, "The security token included in the request is invalid."),
  InvalidToken: sender(400, "The provided token is malformed or otherwise invalid."),
  MissingAuthenticationToken: sender(403, "Request is missing Authentication Token"),
  RequestTimeTooSkewed: sender(
    403,
    "The difference between the request time and the current time is too large.",
  ),
  SignatureDoesNotMatch: sender(
    403,
    "The request signature we calculated does not match the signature you provided. " +
      "Check your key and signing method.",
  ),
  UnauthorizedOperation: sender(403, "You are not authorized to perform this operation."),
  XAmzContentSHA256Mismatch: sender(
    400,
    "The provided 'x-amz-content-sha256' header does not match what was computed.",
  ),

  // Query protocol (IAM, STS, EC2).
  InvalidAction: sender(400, "The action or operation requested is invalid."),
  MissingAction: sender(400, "The request is missing an action or a required parameter."),
  MissingParameter: sender(400, "A required parameter is missing."),
  ValidationError: sender(400, "The request did not pass validation."),
  InvalidParameterValue: sender(400, "A parameter has an invalid value."),
  InvalidParameterCombination: sender(400, "The parameters cannot be used together."),

  // IAM.
  DeleteConflict: sender(409, "The entity cannot be deleted while it is still in use."),
  EntityAlreadyExists: sender(409, "The entity already exists."),
  InvalidInput: sender(400, "The input is invalid."),
  LimitExceeded: sender(409, "A limit was exceeded."),
  MalformedPolicyDocument: sender(400, "The policy document is malformed."),
  NoSuchEntity: sender(404, "The entity does not exist."),

  // STS.
  InvalidAuthorizationMessageException: sender(
    400,
    "The encoded authorization message is invalid.",
  ),
  PackedPolicyTooLarge: sender(400, "The session policy is too large."),
  RegionDisabledException: sender(403, "STS is not activated in this region."),

  // EC2.
  DryRunOperation: sender(412, "Request would have succeeded, but DryRun flag is set."),
  TagLimitExceeded: sender(400, "The maximum number of tags for a resource was exceeded."),
  IncorrectState: sender(400, "The resource is in an incorrect state for the request."),
  IncorrectInstanceState: sender(400, "The instance is in an incorrect state for the request."),
  InstanceLimitExceeded: sender(400, "You have requested more instances than your limit allows."),
  InvalidAMIIDMalformed: sender(400, "The AMI ID is malformed."),
  InvalidAssociationIDNotFound: sender(400, "The association ID does not exist."),
  InvalidInstanceIDMalformed: sender(400, "The instance ID is malformed."),
  InvalidInstanceIDNotFound: sender(400, "The instance ID does not exist."),
  InvalidPaginationToken: sender(400, "The specified pagination token is not valid or is expired."),

  // S3.
  AccessControlListNotSupported: sender(400, "The bucket does not allow ACLs"),
  BadRequest: sender(400, "Bad Request"),
  BadDigest: sender(
    400,
    "The Content-MD5 or checksum you specified did not match what we received.",
  ),
  BucketAlreadyExists: sender(
    409,
    "The requested bucket name is not available. The bucket namespace is shared by all users " +
      "of the system. Please select a different name and try again.",
  ),
  BucketAlreadyOwnedByYou: sender(
    409,
    "Your previous request to create the named bucket succeeded and you already own it.",
  ),
  BucketNotEmpty: sender(409, "The bucket you tried to delete is not empty"),
  EntityTooLarge: sender(400, "Your proposed upload exceeds the maximum allowed size"),
  EntityTooSmall: sender(
    400,
    "Your proposed upload is smaller than the minimum allowed object size.",
  ),
  InvalidChunkSizeError: sender(
    400,
    "Only the last chunk is allowed to have a size less than 8192 bytes",
  ),
  IncompleteBody: sender(
    400,
    "You did not provide the number of bytes specified by the Content-Length HTTP header.",
  ),
  IllegalLocationConstraintException: sender(
    400,
    "The unspecified location constraint is incompatible for the region specific endpoint " +
      "this request was sent to.",
  ),
  InvalidArgument: sender(400, "Invalid Argument"),
  InvalidBucketAclWithObjectOwnership: sender(
    400,
    "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting",
  ),
  InvalidBucketName: sender(400, "The specified bucket is not valid."),
  InvalidDigest: sender(400, "The Content-MD5 you specified is not valid."),
  InvalidLocationConstraint: sender(400, "The specified location-constraint is not valid"),
  InvalidPart: sender(
    400,
    "One or more of the specified parts could not be found. The part may not have been " +
      "uploaded, or the specified entity tag may not match the part's entity tag.",
  ),
  InvalidPartOrder: sender(
    400,
    "The list of parts was not in ascending order. The parts list must be specified in order " +
      "by part number.",
  ),
  InvalidPartNumber: sender(416, "The requested partnumber is not satisfiable"),
  InvalidRange: sender(416, "The requested range is not satisfiable"),
  InvalidTag: sender(400, "The tag provided was not a valid tag."),
  InvalidURI: sender(400, "Couldn't parse the specified URI."),
  InvalidRedirectLocation: sender(
    400,
    "The website redirect location must have a prefix of 'http://' or 'https://' or '/'.",
  ),
  InvalidRequest: sender(400, "Invalid Request"),
  InvalidStorageClass: sender(400, "The storage class you specified is not valid"),
  KeyTooLongError: sender(400, "Your key is too long"),
  MalformedXML: sender(
    400,
    "The XML you provided was not well-formed or did not validate against our published schema",
  ),
  MalformedPolicy: sender(400, "Policies must be valid JSON and the first byte must be '{'"),
  MethodNotAllowed: sender(405, "The specified method is not allowed against this resource."),
  MetadataTooLarge: sender(400, "Your metadata headers exceed the maximum allowed metadata size."),
  MissingContentLength: sender(411, "You must provide the Content-Length HTTP header."),
  RequestHeaderSectionTooLarge: sender(
    400,
    "Your request header section exceeds the maximum allowed size.",
  ),
  RequestTimeout: sender(
    400,
    "Your socket connection to the server was not read from or written to within the timeout " +
      "period. Idle connections will be closed.",
  ),
  NoSuchBucket: sender(404, "The specified bucket does not exist"),
  NoSuchBucketPolicy: sender(404, "The bucket policy does not exist"),
  NoSuchCORSConfiguration: sender(404, "The CORS configuration does not exist"),
  NoSuchKey: sender(404, "The specified key does not exist."),
  NoSuchLifecycleConfiguration: sender(404, "The lifecycle configuration does not exist"),
  NoSuchPublicAccessBlockConfiguration: sender(
    404,
    "The public access block configuration was not found",
  ),
  NoSuchTagSet: sender(404, "The TagSet does not exist"),
  NoSuchUpload: sender(
    404,
    "The specified upload does not exist. The upload ID may be invalid, or the upload may have " +
      "been aborted or completed.",
  ),
  NoSuchWebsiteConfiguration: sender(
    404,
    "The specified bucket does not have a website configuration",
  ),
  NotImplemented: {
    status: 501,
    fault: "Receiver",
    message: "A header you provided implies functionality that is not implemented",
  },
  ObjectLockConfigurationNotFoundError: sender(
    404,
    "Object Lock configuration does not exist for this bucket",
  ),
  PermanentRedirect: sender(
    301,
    "The bucket you are attempting to access must be addressed using the specified endpoint. " +
      "Please send all future requests to this endpoint.",
  ),
  PreconditionFailed: sender(412, "At least one of the pre-conditions you specified did not hold"),

  // Ours, every service.
  InternalError: {
    status: 500,
    fault: "Receiver",
    message: "We encountered an internal error. Please try again.",
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

/** EC2 spells some codes with a dot, which an identifier cannot hold. */
export const WIRE_CODE: Partial<Record<ErrorCode, string>> = {
  InvalidAMIIDMalformed: "InvalidAMIID.Malformed",
  InvalidAssociationIDNotFound: "InvalidAssociationID.NotFound",
  InvalidInstanceIDMalformed: "InvalidInstanceID.Malformed",
  InvalidInstanceIDNotFound: "InvalidInstanceID.NotFound",
};
