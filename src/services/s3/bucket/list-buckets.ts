// ListBuckets: GET / lists the caller's account's buckets by name, optionally filtered by
// prefix and bucket-region and paged by max-buckets and continuation-token
// (Amazon S3 API Reference, ListBuckets).
import { AwsError } from "../../../errors/aws-error.js";
import type { S3Call, S3Handler } from "../call.js";
import { decodeToken, encodeToken } from "../list/params.js";
import { ownerOf } from "../owner.js";
import { isoDate, sendXml } from "../reply.js";

/** "Maximum number of buckets to be returned in response ... between 1 and 10,000." */
const MAX_BUCKETS = 10_000;

function maxBuckets(text: string | null): number {
  if (text === null) return MAX_BUCKETS;
  const value = /^\d{1,5}$/.test(text) ? Number(text) : 0;
  if (value < 1 || value > MAX_BUCKETS) {
    throw new AwsError("InvalidArgument", "Argument max-buckets must be between 1 and 10000", {
      fields: { ArgumentName: "max-buckets", ArgumentValue: text },
    });
  }
  return value;
}

async function listBuckets(call: S3Call): Promise<void> {
  const { ctx } = call;
  const account = ctx.auth.caller.account;
  const prefix = ctx.query.get("prefix") ?? "";
  const region = ctx.query.get("bucket-region");
  const limit = maxBuckets(ctx.query.get("max-buckets"));
  const token = ctx.query.get("continuation-token");
  const after = token === null ? "" : decodeToken(token);

  // An account holds few buckets (10,000 at most by default), so one read serves every page.
  const matching = (await ctx.model.buckets.list(account)).filter(
    (bucket) =>
      bucket.name > after &&
      bucket.name.startsWith(prefix) &&
      (region === null || bucket.region === region),
  );
  const page = matching.slice(0, limit);
  const last = page.at(-1);

  sendXml(ctx.res, "ListAllMyBucketsResult", {
    Owner: ownerOf(account),
    Buckets: {
      Bucket: page.map((bucket) => ({
        Name: bucket.name,
        CreationDate: isoDate(bucket.createDate),
        BucketRegion: bucket.region,
      })),
    },
    ...(matching.length > limit && last ? { ContinuationToken: encodeToken(last.name) } : {}),
    ...(prefix === "" ? {} : { Prefix: prefix }),
  });
}

export const ListBuckets: S3Handler = { run: listBuckets };
