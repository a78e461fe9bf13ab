import { XMLBuilder } from "fast-xml-parser";

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  suppressEmptyNode: false,
  suppressBooleanAttributes: false,
});

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

// Characters a document cannot carry as they are: the C0 controls XML 1.0 forbids, and the
// carriage return, which a parser reads back as a line feed. S3 writes them as character
// references (a key "a\u0001b" lists as a&#x1;b), which is why clients that may meet such keys
// ask for encoding-type=url.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const UNWRITABLE = /[\u0000-\u0008\u000b-\u001f\ufffe\uffff]/g;
const reference = (char: string) => `&#x${char.charCodeAt(0).toString(16).toUpperCase()};`;

/**
 * Serialises a response document. Arrays become repeated elements; keys starting with "@_" become
 * attributes; undefined values are left out.
 */
export function toXml(root: string, body: Record<string, unknown>): string {
  return DECLARATION + builder.build({ [root]: body }).replace(UNWRITABLE, reference);
}
