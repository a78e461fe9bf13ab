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
      await this.refuseSecond(account, instanceId);
      return this.insert(account, instanceId, profile, atLaunch ? "associated" : "associating");
    });
  }

  /** An instance takes one association at a time: IncorrectState while it has one. */
  async refuseSecond(account: string, instanceId: string): Promise<void> {
    if (await this.current(account, instanceId)) {
      throw new AwsError(
        "IncorrectState",
        `There is an existing association for instance ${instanceId}`,
      );
    }
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

  /** The association whose profile the instance's metadata service hands out now. */
  async served(account: string, instanceId: string): Promise<AssociationRecord | undefined> {
    return inEffect(await this.list(account), instanceId);
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
      // EC2's words for an association on its way out (aws/aws-cli#5251).
      throw new AwsError(
        "IncorrectState",
        `The association ${associationId} is not the active association`,
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

/**
 * Of an instance's associations (with their effective states), the one in effect. A new
 * association takes over only once it is "associated"; until then the one it replaces (or the
 * one being removed) is "disassociating" and still in effect. The EC2 API reference says a
 * replacement works "without having to disassociate the existing IAM instance profile first",
 * and the IAM guide ("The credentials on my instance are for the wrong role") says an
 * application keeps the old role's credentials until the next refresh after a change. Neither
 * says when, during the transition, IMDS switches; keyless switches when the new association
 * settles, so that an instance is never left without a role in the middle of a replacement.
 */
export function inEffect(
  associations: readonly AssociationRecord[],
  instanceId: string,
): AssociationRecord | undefined {
  const mine = associations.filter((a) => a.instanceId === instanceId);
  const associated = mine.find((a) => a.state === "associated");
  if (associated) return associated;
  // Of several on their way out, the one that left first was the one in place.
  const leaving = mine.filter((a) => a.state === "disassociating");
  return leaving.sort((a, b) => a.since - b.since)[0];
}
