import { XMLBuilder } from "fast-xml-parser";

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  suppressEmptyNode: false,
  suppressBooleanAttributes: false,
});

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/**
 * Serialises a response document. Arrays become repeated elements; keys starting with "@_" become
 * attributes; undefined values are left out.
 */
export function toXml(root: string, body: Record<string, unknown>): string {
  return DECLARATION + builder.build({ [root]: body });
}
