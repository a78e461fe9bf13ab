// PutPublicAccessBlock, GetPublicAccessBlock and DeletePublicAccessBlock
// (PUT, GET, DELETE /bucket?publicAccessBlock), from the Amazon S3 API Reference. What the
// settings do lives elsewhere: BlockPublicPolicy in bucket-policy.ts, RestrictPublicBuckets in
// access/bucket-access.ts.
import { XMLParser } from "fast-xml-parser";
import { AwsError } from "../../../errors/aws-error.js";
import type { PublicAccessBlock } from "../../../model/types.js";
import { requireBucket, type S3Call, type S3Handler } from "../call.js";
import { sendEmpty, sendXml } from "../reply.js";
import { parseXmlDocument } from "../xml-document.js";

const SETTINGS = [
  "BlockPublicAcls",
  "IgnorePublicAcls",
  "BlockPublicPolicy",
  "RestrictPublicBuckets",
] as const satisfies readonly (keyof PublicAccessBlock)[];

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
});

async function putPublicAccessBlock(call: S3Call): Promise<void> {
  const bucket = requireBucket(call);
  const settings = parseConfiguration(await call.smallBody());
  await call.ctx.model.bucketSettings.putPublicAccessBlock(bucket.name, settings);
  sendEmpty(call.ctx.res, 200);
}

async function getPublicAccessBlock(call: S3Call): Promise<void> {
  const bucket = requireBucket(call);
  const settings = bucket.publicAccessBlock;
  if (settings === undefined) {
    throw new AwsError("NoSuchPublicAccessBlockConfiguration", undefined, {
      fields: { BucketName: bucket.name },
    });
  }
  sendXml(call.ctx.res, "PublicAccessBlockConfiguration", { ...settings });
}

async function deletePublicAccessBlock(call: S3Call): Promise<void> {
  const bucket = requireBucket(call);
  if (bucket.publicAccessBlock !== undefined) {
    await call.ctx.model.bucketSettings.deletePublicAccessBlock(bucket.name);
  }
  sendEmpty(call.ctx.res, 204);
}

/** A setting left out of the document is false (API Reference, PublicAccessBlockConfiguration). */
function parseConfiguration(body: string): PublicAccessBlock {
  const document = parseXmlDocument<{ PublicAccessBlockConfiguration?: unknown }>(parser, body);
  const configuration = document.PublicAccessBlockConfiguration;
  if (configuration === undefined) throw new AwsError("MalformedXML");
  const fields = typeof configuration === "object" && configuration !== null ? configuration : {};

  const settings: PublicAccessBlock = {
    BlockPublicAcls: false,
    IgnorePublicAcls: false,
    BlockPublicPolicy: false,
    RestrictPublicBuckets: false,
  };
  for (const name of SETTINGS) {
    const value = (fields as Record<string, unknown>)[name];
    if (value === undefined) continue;
    const text = typeof value === "string" ? value.trim().toLowerCase() : "";
    if (text !== "true" && text !== "false") throw new AwsError("MalformedXML");
    settings[name] = text === "true";
  }
  return settings;
}

export const PutPublicAccessBlock: S3Handler = { run: putPublicAccessBlock };
export const GetPublicAccessBlock: S3Handler = { run: getPublicAccessBlock };
export const DeletePublicAccessBlock: S3Handler = { run: deletePublicAccessBlock };
