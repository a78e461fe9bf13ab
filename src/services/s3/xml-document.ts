// The XML documents S3 requests carry (DeleteObjects, tagging, CompleteMultipartUpload, public
// access block, CreateBucketConfiguration). A document that is not well-formed, or that the
// parser refuses (a DOCTYPE with external or parameter entities), is MalformedXML: never a 500.
import { type XMLParser, XMLValidator } from "fast-xml-parser";
import { AwsError } from "../../errors/aws-error.js";

export function parseXmlDocument<T>(parser: XMLParser, body: string): T {
  if (XMLValidator.validate(body) !== true) throw new AwsError("MalformedXML");
  try {
    return parser.parse(body) as T;
  } catch {
    throw new AwsError("MalformedXML");
  }
}
