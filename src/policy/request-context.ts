// Case-insensitive access to the request context. Condition key names are not case-sensitive
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html),
// so the caller's map is re-keyed in lowercase the first time a condition reads it.

import type { ContextValues } from "./types.js";

export class RequestContext {
  private lowered: Map<string, readonly string[]> | undefined;

  constructor(private readonly values: ContextValues) {}

  /**
   * Values for a key as written in a policy (tried first: callers and policies usually spell keys
   * the same way) and lowercased, or undefined when the key is absent from the request.
   */
  find(name: string, key: string): readonly string[] | undefined {
    return this.values.get(name) ?? this.get(key);
  }

  /** Values for a lowercase key, or undefined when the key is absent from the request. */
  get(key: string): readonly string[] | undefined {
    if (this.lowered === undefined) {
      this.lowered = new Map();
      for (const [name, values] of this.values) this.lowered.set(name.toLowerCase(), values);
    }
    return this.lowered.get(key);
  }
}
