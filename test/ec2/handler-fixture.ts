// handleEc2 in-process: a request context over a real model and ImdsManager, with authorize()
// recording what was asked and denying what the test says to deny. No signing, no HTTP front
// door: these tests are about the handlers, the catalog table and the XML they answer.
import { XMLParser } from "fast-xml-parser";
import { AwsError } from "../../src/errors/aws-error.js";
import type { AuthorizeInput, RequestContext } from "../../src/server/context.js";
import { handleEc2 } from "../../src/services/ec2/index.js";
import { ACCOUNT, type ImdsFixture, imdsFixture, REGION } from "../imds/fixture.js";

/** Parsed XML, walked by each test's own assertions. */
// biome-ignore lint/suspicious/noExplicitAny: the shape is what the assertions check.
export type Xml = Record<string, any>;

export interface Ec2Fixture extends ImdsFixture {
  /** Every authorize() call, in order. */
  asked: AuthorizeInput[];
  /** Actions to deny, such as "iam:PassRole". */
  deny: Set<string>;
  /** Calls handleEc2 and parses the XML answer (the root element's content). */
  call(params: Record<string, string>): Promise<Xml>;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  isArray: (name) => name === "item",
  parseTagValue: false,
});

export async function ec2Fixture(): Promise<Ec2Fixture> {
  const fx = await imdsFixture();
  const asked: AuthorizeInput[] = [];
  const deny = new Set<string>();
  const ctx = {
    requestId: "11111111-2222-3333-4444-555555555555",
    service: "ec2",
    auth: {
      caller: {
        type: "Root",
        account: ACCOUNT,
        arn: `arn:aws:iam::${ACCOUNT}:root`,
        principalArn: `arn:aws:iam::${ACCOUNT}:root`,
        userId: ACCOUNT,
        accessKeyId: "AKIAEXAMPLEEXAMPLE12",
      },
    },
    model: fx.model,
    clock: fx.clock,
    config: { region: REGION, account: ACCOUNT, propagationDelayMs: 10_000 },
    imds: fx.imds,
    async authorize(input: AuthorizeInput) {
      asked.push(input);
      if (deny.has(input.action)) throw new AwsError("UnauthorizedOperation");
      return { decision: "allowed", matched: [], missingAllows: [], missingContextValues: [] };
    },
  } as unknown as RequestContext;

  return {
    ...fx,
    asked,
    deny,
    async call(params) {
      const reply = await handleEc2(ctx, new URLSearchParams({ Version: "2016-11-15", ...params }));
      const document = parser.parse(reply.body) as Xml;
      const root = document[`${params.Action}Response`];
      if (!root) throw new Error(`no ${params.Action}Response in ${reply.body}`);
      return root;
    },
  };
}
