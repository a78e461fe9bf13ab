// STS operations → IAM actions. GetCallerIdentity needs no permission: AWS answers it even
// when a policy explicitly denies sts:GetCallerIdentity.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecuritytokenservice.html

export const STS_OPERATIONS = {
  GetCallerIdentity: { action: "sts:GetCallerIdentity", alwaysAllowed: true },
  AssumeRole: { action: "sts:AssumeRole", alwaysAllowed: false },
  GetSessionToken: { action: "sts:GetSessionToken", alwaysAllowed: false }, // unless denied
  GetAccessKeyInfo: { action: "sts:GetAccessKeyInfo", alwaysAllowed: false },
  DecodeAuthorizationMessage: { action: "sts:DecodeAuthorizationMessage", alwaysAllowed: false },
} as const;

export type StsOperation = keyof typeof STS_OPERATIONS;
