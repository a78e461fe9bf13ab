import type { Clock } from "../clock/clock.js";
import type { Store } from "../store/store.js";
import { newSecretAccessKey, newSessionAccessKeyId, newSessionToken } from "./ids.js";
import type { AccessKeyRecord, RoleRecord, SessionRecord, UserSessionRecord } from "./types.js";

export interface NewSession {
  role: RoleRecord;
  sessionName: string;
  durationSeconds: number;
  sourceInstanceArn?: string;
  roleDelivery?: "1.0" | "2.0";
  sessionPolicy?: string;
  sessionPolicyArns?: string[];
  tags?: Record<string, string>;
  transitiveTagKeys?: string[];
  sourceIdentity?: string;
}

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

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
      ...optional("sourceInstanceArn", input.sourceInstanceArn),
      ...optional("roleDelivery", input.roleDelivery),
      ...optional("sessionPolicy", input.sessionPolicy),
      ...optional("sessionPolicyArns", input.sessionPolicyArns),
      ...optional("tags", input.tags),
      ...optional("transitiveTagKeys", input.transitiveTagKeys),
      ...optional("sourceIdentity", input.sourceIdentity),
    };
    await this.store.put("session", session.accessKeyId, role.account, session);
    return session;
  }

  /** GetSessionToken: a session that acts as the owner of a long-lived key. */
  async createForKey(key: AccessKeyRecord, durationSeconds: number): Promise<UserSessionRecord> {
    const issuedAt = this.clock.now();
    const session: UserSessionRecord = {
      kind: "user",
      accessKeyId: newSessionAccessKeyId(),
      secretAccessKey: newSecretAccessKey(),
      sessionToken: newSessionToken(),
      account: key.account,
      parentAccessKeyId: key.accessKeyId,
      issuedAt,
      expiration: issuedAt + durationSeconds * 1000,
    };
    await this.store.put("session", session.accessKeyId, key.account, session);
    return session;
  }

  /** A role session (AssumeRole, IMDS). */
  async find(accessKeyId: string): Promise<SessionRecord | undefined> {
    const session = await this.findAny(accessKeyId);
    return session && !("kind" in session) ? session : undefined;
  }

  findAny(accessKeyId: string): Promise<SessionRecord | UserSessionRecord | undefined> {
    return this.store.get<SessionRecord | UserSessionRecord>("session", accessKeyId);
  }
}

/** arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION — the role's path is not part of it. */
export const assumedRoleArn = (session: SessionRecord): string =>
  `arn:aws:sts::${session.account}:assumed-role/${session.roleName}/${session.sessionName}`;
