// Instance metadata is a tree of directories and documents. A GET for a directory lists its
// entries one per line, directories with a trailing slash; a GET for a document returns it.
// Documents that cost something to produce (role credentials) are computed only when read.
import { failure, type ImdsReply, ok } from "./reply.js";

export type Document = string | (() => Promise<string>);
export interface Directory {
  [name: string]: MetadataNode;
}
export type MetadataNode = Document | Directory;

/** Finds the node a path names; empty segments (doubled or trailing slashes) are ignored. */
export async function read(root: Directory, path: string): Promise<ImdsReply> {
  let node: MetadataNode = root;
  for (const segment of path.split("/").filter((s) => s !== "")) {
    if (typeof node !== "object" || !Object.hasOwn(node, segment)) return failure(404);
    node = node[segment] as MetadataNode;
  }
  if (typeof node === "string") return ok(node);
  if (typeof node === "function") return ok(await node());
  return listing(node);
}

function listing(directory: Directory): ImdsReply {
  const names = Object.keys(directory).sort();
  // An empty directory, such as security-credentials/ with no role, does not exist on IMDS.
  if (names.length === 0) return failure(404);
  return ok(names.map((name) => (isDirectory(directory[name]) ? `${name}/` : name)).join("\n"));
}

const isDirectory = (node: MetadataNode | undefined): node is Directory => typeof node === "object";
