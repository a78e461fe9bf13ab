// Wildcard matching for Action, Resource, StringLike and ARN components.
//
// A pattern is compiled once into segments split at `*`; each segment has a fixed length (`?` is
// one character), so the leftmost match of every middle segment is always the right one and no
// backtracking or regular expression is needed.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html

/** One piece of a pattern: literal text, `*` (any run of characters) or `?` (one character). */
export type GlobPiece = string | typeof STAR | typeof ONE;

export const STAR = 0;
export const ONE = 1;

export type GlobMatcher = (text: string) => boolean;

interface Segment {
  text: string;
  /** Positions that are `?`, or undefined when the segment is plain text. */
  wild: Uint8Array | undefined;
}

/** Parses raw pattern text where `*` and `?` are wildcards and everything else is literal. */
export function globPieces(pattern: string): GlobPiece[] {
  const pieces: GlobPiece[] = [];
  let literal = "";
  for (const ch of pattern) {
    if (ch === "*" || ch === "?") {
      if (literal !== "") pieces.push(literal);
      literal = "";
      pieces.push(ch === "*" ? STAR : ONE);
    } else {
      literal += ch;
    }
  }
  if (literal !== "") pieces.push(literal);
  return pieces;
}

/** Compiles pieces into a matcher, choosing a fast path for the common shapes. */
export function compileGlob(pieces: readonly GlobPiece[]): GlobMatcher {
  const segments = toSegments(pieces);
  const only = segments[0] as Segment;

  if (segments.length === 1) {
    if (only.wild === undefined) {
      const exact = only.text;
      return function matchExact(text) {
        return text === exact;
      };
    }
    return function matchFixedLength(text) {
      return text.length === only.text.length && segmentAt(only, text, 0);
    };
  }

  const head = only;
  const tail = segments[segments.length - 1] as Segment;
  const middle = segments.slice(1, -1);
  if (middle.length === 0 && head.wild === undefined && tail.wild === undefined) {
    if (tail.text === "") {
      const prefix = head.text;
      if (prefix === "") return matchAnything;
      return function matchPrefix(text) {
        return text.startsWith(prefix);
      };
    }
  }

  let minLength = head.text.length + tail.text.length;
  for (const segment of middle) minLength += segment.text.length;
  return function matchSegments(text) {
    if (text.length < minLength) return false;
    const end = text.length - tail.text.length;
    if (!segmentAt(head, text, 0) || !segmentAt(tail, text, end)) return false;
    let position = head.text.length;
    for (const segment of middle) {
      const found = findSegment(segment, text, position, end);
      if (found < 0) return false;
      position = found + segment.text.length;
    }
    return true;
  };
}

function matchAnything(): boolean {
  return true;
}

function toSegments(pieces: readonly GlobPiece[]): Segment[] {
  const segments: Segment[] = [];
  let text = "";
  let wildAt: number[] = [];
  const close = () => {
    let wild: Uint8Array | undefined;
    if (wildAt.length > 0) {
      wild = new Uint8Array(text.length);
      for (const at of wildAt) wild[at] = 1;
    }
    segments.push({ text, wild });
    text = "";
    wildAt = [];
  };
  let previousStar = false;
  for (const piece of pieces) {
    if (piece === STAR) {
      // `**` means the same as `*`.
      if (!previousStar) close();
      previousStar = true;
      continue;
    }
    previousStar = false;
    if (piece === ONE) {
      wildAt.push(text.length);
      text += "?";
    } else {
      text += piece;
    }
  }
  close();
  return segments;
}

function segmentAt(segment: Segment, text: string, at: number): boolean {
  const wild = segment.wild;
  if (wild === undefined) return text.startsWith(segment.text, at);
  const pattern = segment.text;
  if (at + pattern.length > text.length) return false;
  for (let i = 0; i < pattern.length; i++) {
    if (wild[i] === 0 && text.charCodeAt(at + i) !== pattern.charCodeAt(i)) return false;
  }
  return true;
}

function findSegment(segment: Segment, text: string, from: number, end: number): number {
  const length = segment.text.length;
  if (segment.wild === undefined) {
    const found = text.indexOf(segment.text, from);
    return found >= 0 && found + length <= end ? found : -1;
  }
  for (let at = from; at + length <= end; at++) {
    if (segmentAt(segment, text, at)) return at;
  }
  return -1;
}
