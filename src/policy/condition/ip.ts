// IpAddress / NotIpAddress: CIDR ranges (RFC 4632 for IPv4, RFC 4291 for IPv6). An address
// without a prefix length is a /32 or /128. Addresses compare as numbers, so "2001:DB8::1" and
// "2001:db8:0::1" are the same.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress

import { parsedValueTest, type ValueTest } from "./value-test.js";

export interface Address {
  v6: boolean;
  value: bigint;
}

interface Range {
  v6: boolean;
  network: bigint;
  /** Bits to shift away: 32 - prefix (IPv4) or 128 - prefix (IPv6). */
  hostBits: bigint;
}

export function parseAddress(text: string): Address | undefined {
  const trimmed = text.trim();
  if (trimmed.includes(":")) {
    const value = parseIpv6(trimmed);
    return value === undefined ? undefined : { v6: true, value };
  }
  const value = parseIpv4(trimmed);
  return value === undefined ? undefined : { v6: false, value: BigInt(value) };
}

function parseRange(text: string): Range | undefined {
  const [addressText, prefixText, extra] = text.trim().split("/");
  if (extra !== undefined || addressText === undefined) return undefined;
  const address = parseAddress(addressText);
  if (address === undefined) return undefined;

  const width = address.v6 ? 128 : 32;
  const prefix = prefixText === undefined ? width : Number(prefixText);
  if (!/^\d+$/.test(prefixText ?? String(width)) || prefix > width) return undefined;
  const hostBits = BigInt(width - prefix);
  return { v6: address.v6, network: address.value >> hostBits, hostBits };
}

function parseIpv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  let head = text;
  let tail = "";
  const gap = text.indexOf("::");
  if (gap >= 0) {
    head = text.slice(0, gap);
    tail = text.slice(gap + 2);
    if (tail.includes("::")) return undefined;
  }
  const headGroups = groups(head);
  const tailGroups = groups(tail);
  if (headGroups === undefined || tailGroups === undefined) return undefined;

  const missing = 8 - headGroups.length - tailGroups.length;
  if (gap < 0 ? missing !== 0 : missing < 1) return undefined;
  const all = [...headGroups, ...new Array<number>(gap < 0 ? 0 : missing).fill(0), ...tailGroups];
  let value = 0n;
  for (const group of all) value = (value << 16n) | BigInt(group);
  return value;
}

/** 16-bit groups of one side of "::"; a trailing dotted IPv4 address counts as two groups. */
function groups(text: string): number[] | undefined {
  if (text === "") return [];
  const parts = text.split(":");
  const result: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (i === parts.length - 1 && part.includes(".")) {
      const v4 = parseIpv4(part);
      if (v4 === undefined) return undefined;
      result.push(Math.floor(v4 / 65536), v4 % 65536);
    } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) {
      result.push(Number.parseInt(part, 16));
    } else {
      return undefined;
    }
  }
  return result;
}

function inRange(address: Address, range: Range): boolean {
  return address.v6 === range.v6 && address.value >> range.hostBits === range.network;
}

export function ipTest(values: readonly string[], variables: boolean): ValueTest {
  return parsedValueTest(values, variables, parseRange, parseAddress, inRange);
}
