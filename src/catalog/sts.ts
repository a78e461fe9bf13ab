// STS operations → IAM actions. GetCallerIdentity and GetSessionToken need no permission: AWS
// answers them even when a policy explicitly denies them.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_getsessiontoken.html
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecuritytokenservice.html

export const STS_OPERATIONS = {
  GetCallerIdentity: { action: "sts:GetCallerIdentity", alwaysAllowed: true },
  AssumeRole: { action: "sts:AssumeRole", alwaysAllowed: false },
  GetSessionToken: { action: "sts:GetSessionToken", alwaysAllowed: true },
  GetAccessKeyInfo: { action: "sts:GetAccessKeyInfo", alwaysAllowed: false },
  DecodeAuthorizationMessage: { action: "sts:DecodeAuthorizationMessage", alwaysAllowed: false },
} as const;

export type StsOperation = keyof typeof STS_OPERATIONS;
