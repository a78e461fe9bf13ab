import type { Clock } from "../clock/clock.js";
import { AwsError } from "../errors/aws-error.js";
import type { Store } from "../store/store.js";
import { newAssociationId } from "./ids.js";
import type { AssociationRecord, AssociationState, InstanceProfileRecord } from "./types.js";

/**
 * Instance-profile associations. A new association is "associating" until the propagation delay
 * has passed on the server clock, then "associated"; a removed one is "disassociating", then
 * "disassociated". The stored state is where a transition began; the effective state is computed
 * from the clock, so moving the clock moves the associations with it.
 */
export class Associations {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly delayMs: number,
  ) {}

  effective(record: AssociationRecord): AssociationRecord {
    const settled = this.clock.now() - record.since >= this.delayMs;
    const state: AssociationState =
      record.state === "associating" && settled
        ? "associated"
        : record.state === "disassociating" && settled
          ? "disassociated"
          : record.state;
    return { ...record, state };
  }

  /** Associates a profile; at launch the profile is in place when the instance boots. */
  associate(
    account: string,
    instanceId: string,
    profile: InstanceProfileRecord,
    atLaunch = false,
  ): Promise<AssociationRecord> {
    return this.store.transaction(async () => {
      const current = await this.current(account, instanceId);
      if (current) {
        throw new AwsError(
          "IncorrectState",
          `There is an existing association for instance ${instanceId}`,
        );
      }
      return this.insert(account, instanceId, profile, atLaunch ? "associated" : "associating");
    });
  }

  replace(account: string, associationId: string, profile: InstanceProfileRecord) {
    return this.store.transaction(async () => {
      const old = await this.get(account, associationId);
      await this.store.put("association", associationId, account, {
        ...old,
        state: "disassociating",
        since: this.clock.now(),
      } satisfies AssociationRecord);
      return this.insert(account, old.instanceId, profile, "associating");
    });
  }

  disassociate(account: string, associationId: string): Promise<AssociationRecord> {
    return this.store.transaction(async () => {
      const old = await this.get(account, associationId);
      const updated: AssociationRecord = {
        ...old,
        state: "disassociating",
        since: this.clock.now(),
      };
      await this.store.put("association", associationId, account, updated);
      return updated;
    });
  }

  /** Every association of the account, with its effective state. */
  async list(account: string): Promise<AssociationRecord[]> {
    const records = await this.store.list<AssociationRecord>("association", account);
    return records.map((record) => this.effective(record));
  }

  /** The association an instance has now (associating or associated), if any. */
  async current(account: string, instanceId: string): Promise<AssociationRecord | undefined> {
    const all = await this.list(account);
    return all.find(
      (a) => a.instanceId === instanceId && (a.state === "associating" || a.state === "associated"),
    );
  }

  private async get(account: string, associationId: string): Promise<AssociationRecord> {
    const record = await this.store.get<AssociationRecord>("association", associationId);
    const live = record && this.effective(record);
    if (!live || live.account !== account || live.state === "disassociated") {
      throw new AwsError(
        "InvalidAssociationIDNotFound",
        `An association with ID '${associationId}' does not exist.`,
      );
    }
    if (live.state === "disassociating") {
      throw new AwsError(
        "IncorrectState",
        `The association ${associationId} is not in a valid state for this operation.`,
      );
    }
    return live;
  }

  private async insert(
    account: string,
    instanceId: string,
    profile: InstanceProfileRecord,
    state: AssociationState,
  ): Promise<AssociationRecord> {
    const record: AssociationRecord = {
      associationId: newAssociationId(),
      account,
      instanceId,
      instanceProfileArn: profile.arn,
      instanceProfileId: profile.instanceProfileId,
      state,
      since: this.clock.now(),
    };
    await this.store.put("association", record.associationId, account, record);
    return record;
  }
}
