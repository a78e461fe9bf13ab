// Walks the error registry: every code has a client or server status and a message, and renders
// as a well-formed document in each protocol with the code and message intact.
import assert from "node:assert/strict";
import { test } from "node:test";
import { XMLParser } from "fast-xml-parser";
import { AwsError } from "../../src/errors/aws-error.js";
import { ERRORS, type ErrorCode } from "../../src/errors/registry.js";
import { renderEc2Error, renderQueryError, renderS3Error } from "../../src/errors/render.js";

const parser = new XMLParser({ ignoreAttributes: false });
const codes = Object.keys(ERRORS) as ErrorCode[];

test("the registry is not empty and every entry has a status and a message", () => {
  assert.ok(codes.length > 30, `only ${codes.length} codes`);
  for (const code of codes) {
    const spec = ERRORS[code];
    assert.ok(spec.status >= 300 && spec.status < 600, `${code} has status ${spec.status}`);
    assert.ok(spec.message.length > 5, `${code} has message "${spec.message}"`);
    assert.equal(spec.fault, spec.status >= 500 ? "Receiver" : "Sender", `${code} fault`);
  }
});

test("every code renders in the Query, EC2 and S3 forms with its code and message", () => {
  for (const code of codes) {
    const error = new AwsError(code, `a message for ${code} with <angle> & ampersand`);
    const query = parser.parse(
      renderQueryError(error, "req-1", "https://iam.amazonaws.com/doc/2010-05-08/").body,
    );
    assert.equal(query.ErrorResponse.Error.Code, error.wireCode, `${code} in the Query form`);
    assert.equal(query.ErrorResponse.Error.Message, error.message);
    const ec2 = parser.parse(renderEc2Error(error, "req-1").body);
    assert.equal(ec2.Response.Errors.Error.Code, error.wireCode, `${code} in the EC2 form`);
    const s3 = parser.parse(renderS3Error(error, "REQ1", "host-1").body);
    assert.equal(s3.Error.Code, error.wireCode, `${code} in the S3 form`);
    assert.equal(s3.Error.Message, error.message);
  }
});

test("EC2's dotted codes go on the wire with their dots", () => {
  assert.equal(new AwsError("InvalidInstanceIDNotFound").wireCode, "InvalidInstanceID.NotFound");
  assert.equal(
    new AwsError("InvalidAssociationIDNotFound").wireCode,
    "InvalidAssociationID.NotFound",
  );
});
