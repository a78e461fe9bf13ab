// The XML documents S3 requests carry (DeleteObjects, tagging, CompleteMultipartUpload, public
// access block, CreateBucketConfiguration). A document that is not well-formed, that carries a
// DOCTYPE (S3's schemas declare none, and its entities are how a small body expands into a huge
// one), or that names an entity XML does not predefine, is MalformedXML: never a 500.
import { type XMLParser, XMLValidator } from "fast-xml-parser";
import { AwsError } from "../../errors/aws-error.js";

const DOCTYPE = /<!DOCTYPE/i;
const UNDECLARED_ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i;

export function parseXmlDocument<T>(parser: XMLParser, body: string): T {
  if (DOCTYPE.test(body) || UNDECLARED_ENTITY.test(body)) throw new AwsError("MalformedXML");
  if (XMLValidator.validate(body) !== true) throw new AwsError("MalformedXML");
  try {
    return parser.parse(body) as T;
  } catch {
    throw new AwsError("MalformedXML");
  }
}
