// Instance metadata is a tree of directories and documents. A GET for a directory lists its
// entries one per line, directories with a trailing slash; a GET for a document returns it.
// The two top levels are listed bare, as IMDS lists them: the versions at /, and "dynamic" and
// "meta-data" under a version. Documents that cost something to produce (role credentials) are
// computed only when read; bytes (user data, which may be gzip) are served as they are.
import { OCTET_STREAM } from "./constants.js";
import { failure, type ImdsReply, ok } from "./reply.js";

export type Document = string | Buffer | (() => Promise<string>);
export interface Directory {
  [name: string]: MetadataNode;
}
export type MetadataNode = Document | Directory;

/** Finds the node a path names; empty segments (doubled or trailing slashes) are ignored. */
export async function read(root: Directory, path: string): Promise<ImdsReply> {
  let node: MetadataNode = root;
  const segments = path.split("/").filter((s) => s !== "");
  for (const segment of segments) {
    if (!isDirectory(node) || !Object.hasOwn(node, segment)) return failure(404);
    node = node[segment] as MetadataNode;
  }
  if (typeof node === "string") return ok(node);
  if (Buffer.isBuffer(node)) return { ...ok(node), contentType: OCTET_STREAM };
  if (typeof node === "function") return ok(await node());
  return listing(node, segments.length >= BARE_LEVELS);
}

/** The levels listed without trailing slashes: the root and a version. */
const BARE_LEVELS = 2;

function listing(directory: Directory, slashed: boolean): ImdsReply {
  const names = Object.keys(directory).sort();
  // An empty directory, such as security-credentials/ with no role, does not exist on IMDS.
  if (names.length === 0) return failure(404);
  const shown = (name: string) => (slashed && isDirectory(directory[name]) ? `${name}/` : name);
  return ok(names.map(shown).join("\n"));
}

const isDirectory = (node: MetadataNode | undefined): node is Directory =>
  typeof node === "object" && !Buffer.isBuffer(node);
