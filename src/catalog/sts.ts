// STS operations → IAM actions. GetCallerIdentity needs no permission: AWS answers it even
// when a policy explicitly denies sts:GetCallerIdentity.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html

export const STS_OPERATIONS = {
  GetCallerIdentity: { action: "sts:GetCallerIdentity", alwaysAllowed: true },
  AssumeRole: { action: "sts:AssumeRole", alwaysAllowed: false },
} as const;

export type StsOperation = keyof typeof STS_OPERATIONS;
