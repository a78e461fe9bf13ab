import type { Clock } from "../clock/clock.js";
import type { Store } from "../store/store.js";
import { newSecretAccessKey, newSessionAccessKeyId, newSessionToken } from "./ids.js";
import type { RoleRecord, SessionRecord } from "./types.js";

export interface NewSession {
  role: RoleRecord;
  sessionName: string;
  durationSeconds: number;
  sourceInstanceArn?: string;
  roleDelivery?: "1.0" | "2.0";
}

/** Temporary credentials issued by STS: the ASIA key, its secret, token and expiry. */
export class Sessions {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async create(input: NewSession): Promise<SessionRecord> {
    const issuedAt = this.clock.now();
    const { role } = input;
    const session: SessionRecord = {
      accessKeyId: newSessionAccessKeyId(),
      secretAccessKey: newSecretAccessKey(),
      sessionToken: newSessionToken(),
      account: role.account,
      roleArn: role.arn,
      roleName: role.roleName,
      roleId: role.roleId,
      rolePath: role.path,
      sessionName: input.sessionName,
      issuedAt,
      expiration: issuedAt + input.durationSeconds * 1000,
      ...(input.sourceInstanceArn ? { sourceInstanceArn: input.sourceInstanceArn } : {}),
      ...(input.roleDelivery ? { roleDelivery: input.roleDelivery } : {}),
    };
    await this.store.put("session", session.accessKeyId, role.account, session);
    return session;
  }

  find(accessKeyId: string): Promise<SessionRecord | undefined> {
    return this.store.get<SessionRecord>("session", accessKeyId);
  }
}

/** arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION — the role's path is not part of it. */
export const assumedRoleArn = (session: SessionRecord): string =>
  `arn:aws:sts::${session.account}:assumed-role/${session.roleName}/${session.sessionName}`;
