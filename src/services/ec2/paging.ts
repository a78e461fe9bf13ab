// EC2's paged Describe calls: MaxResults from 5 to 1,000 and an opaque NextToken. Without
// MaxResults every match comes in one page. A call that names its resources by id is not paged,
// and MaxResults with ids is InvalidParameterCombination (API reference, DescribeInstances and
// DescribeIamInstanceProfileAssociations, "MaxResults").
import { AwsError } from "../../errors/aws-error.js";
import { PARAM } from "./constants.js";

const MAX_RESULTS = { min: 5, max: 1000 };

export interface Paging {
  /** Names the call's token, so that one call's token is refused by another. */
  kind: string;
  /** The ids parameter's name on the wire, when ids were given: paging is refused with them. */
  idsGiven?: string;
}

/**
 * One page of `all`, from where NextToken says the last page ended. The token is the index of
 * the next item; items come in a stable order, so a token stays meaningful while the filters are
 * the same.
 */
export function pageOf<T>(all: readonly T[], params: URLSearchParams, paging: Paging) {
  const given = params.get(PARAM.maxResults);
  if (given !== null && paging.idsGiven !== undefined) {
    throw new AwsError(
      "InvalidParameterCombination",
      `The parameter ${paging.idsGiven} cannot be used with the parameter maxResults`,
    );
  }
  const size = given === null ? all.length : Number(given);
  if (
    given !== null &&
    !(Number.isInteger(size) && size >= MAX_RESULTS.min && size <= MAX_RESULTS.max)
  ) {
    throw new AwsError(
      "InvalidParameterValue",
      `Value ( ${given} ) for parameter maxResults is invalid. Expecting a value between ` +
        `${MAX_RESULTS.min} and ${MAX_RESULTS.max}.`,
    );
  }
  const token = params.get(PARAM.nextToken);
  const start = token === null ? 0 : tokenIndex(token, paging.kind, all.length);
  const end = Math.min(all.length, start + size);
  const nextToken =
    end < all.length ? Buffer.from(`${paging.kind}:${end}`).toString("base64") : undefined;
  return { page: all.slice(start, end), nextToken };
}

function tokenIndex(token: string, kind: string, length: number): number {
  const text = Buffer.from(token, "base64").toString("utf8");
  const index = text.startsWith(`${kind}:`) ? Number(text.slice(kind.length + 1)) : Number.NaN;
  if (!Number.isInteger(index) || index < 0 || index > length) {
    throw new AwsError("InvalidPaginationToken");
  }
  return index;
}
