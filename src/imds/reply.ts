// What an IMDS listener answers. IMDS errors are small XHTML pages titled with the status, such
// as "404 - Not Found", not JSON or XML error documents.
import { HTML, STATUS_TEXT, TEXT } from "./constants.js";

export interface ImdsReply {
  status: number;
  contentType: string;
  body: string | Buffer;
  headers?: Record<string, string>;
}

export const ok = (body: string | Buffer, headers?: Record<string, string>): ImdsReply => ({
  status: 200,
  contentType: TEXT,
  body,
  ...(headers ? { headers } : {}),
});

export function failure(status: number): ImdsReply {
  const title = `${status} - ${STATUS_TEXT[status] ?? "Error"}`;
  const body = [
    '<?xml version="1.0" encoding="iso-8859-1"?>',
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"',
    '\t"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
    '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">',
    " <head>",
    `  <title>${title}</title>`,
    " </head>",
    " <body>",
    `  <h1>${title}</h1>`,
    " </body>",
    "</html>",
    "",
  ].join("\n");
  return { status, contentType: HTML, body };
}

/** IMDS JSON documents put a space before each colon: `"Code" : "Success"`. */
export function imdsJson(fields: Record<string, string | number | null>): string {
  const lines = Object.entries(fields).map(
    ([key, value]) => `  ${JSON.stringify(key)} : ${JSON.stringify(value)}`,
  );
  return `{\n${lines.join(",\n")}\n}`;
}

/** IMDS timestamps have no milliseconds: 2026-12-03T22:41:39Z. */
