// Instance tags through the AWS SDK: tags at launch, CreateTags, DeleteTags, DescribeTags, the
// tag filters of DescribeInstances, and tags in instance metadata.
import { strict as assert } from "node:assert";
import { after, before, describe, it } from "node:test";
import {
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeInstancesCommand,
  DescribeTagsCommand,
  ModifyInstanceMetadataOptionsCommand,
  paginateDescribeTags,
  type Tag,
} from "@aws-sdk/client-ec2";
import { type Ec2Server, startEc2Server } from "./server.js";

const launchTags = (tags: Tag[], type: "instance" | "volume" = "instance") => ({
  TagSpecifications: [{ ResourceType: type, Tags: tags }],
});

describe("instance tags", () => {
  let server: Ec2Server;
  before(async () => {
    server = await startEc2Server();
  });
  after(() => server.keyless.stop());

  const tagsOf = async (instanceId: string) => {
    const reply = await server
      .ec2()
      .send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
    const tags = reply.Reservations?.[0]?.Instances?.[0]?.Tags ?? [];
    return Object.fromEntries(tags.map((t) => [t.Key, t.Value]));
  };

  it("tags an instance at launch, ignoring tags for resources keyless does not model", async () => {
    const instanceId = await server.launch({
      TagSpecifications: [
        { ResourceType: "instance", Tags: [{ Key: "Name", Value: "web-1" }] },
        { ResourceType: "volume", Tags: [{ Key: "disk", Value: "root" }] },
      ],
    });
    assert.deepEqual(await tagsOf(instanceId), { Name: "web-1" });
    const byTag = await server
      .ec2()
      .send(new DescribeInstancesCommand({ Filters: [{ Name: "tag:Name", Values: ["web-1"] }] }));
    const found = byTag.Reservations?.flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId);
    assert.deepEqual(found, [instanceId], "found by its tag:Name filter");
  });

  it("refuses launch tags for a resource type RunInstances cannot tag", async () => {
    await assert.rejects(
      server.launch({
        TagSpecifications: [{ ResourceType: "vpc", Tags: [{ Key: "a", Value: "b" }] }],
      }),
      { name: "InvalidParameterValue" },
    );
  });

  it("adds, overwrites and removes tags, matching a value only when one is given", async () => {
    const instanceId = await server.launch(launchTags([{ Key: "Name", Value: "old" }]));
    const ec2 = server.ec2();
    await ec2.send(
      new CreateTagsCommand({
        Resources: [instanceId],
        Tags: [{ Key: "Name", Value: "new" }, { Key: "team", Value: "blue" }, { Key: "empty" }],
      }),
    );
    assert.deepEqual(await tagsOf(instanceId), { Name: "new", team: "blue", empty: "" });

    await ec2.send(
      new DeleteTagsCommand({ Resources: [instanceId], Tags: [{ Key: "team", Value: "red" }] }),
    );
    assert.equal((await tagsOf(instanceId)).team, "blue", "a tag whose value differs is kept");
    await ec2.send(new DeleteTagsCommand({ Resources: [instanceId], Tags: [{ Key: "team" }] }));
    assert.deepEqual(await tagsOf(instanceId), { Name: "new", empty: "" });
    await ec2.send(new DeleteTagsCommand({ Resources: [instanceId] }));
    assert.deepEqual(await tagsOf(instanceId), {}, "no tags named removes them all");
  });

  it("describes tags with resource-id and key filters", async () => {
    const instanceId = await server.launch(launchTags([{ Key: "role", Value: "db" }]));
    const reply = await server.ec2().send(
      new DescribeTagsCommand({
        Filters: [
          { Name: "resource-id", Values: [instanceId] },
          { Name: "key", Values: ["role"] },
        ],
      }),
    );
    assert.deepEqual(reply.Tags, [
      { Key: "role", ResourceId: instanceId, ResourceType: "instance", Value: "db" },
    ]);
  });

  it("pages DescribeTags by MaxResults, and the SDK's paginator follows NextToken", async () => {
    const instanceId = await server.launch(
      launchTags(Array.from({ length: 12 }, (_, i) => ({ Key: `page-${i}`, Value: String(i) }))),
    );
    const filter = { Filters: [{ Name: "resource-id", Values: [instanceId] }] };
    const pages = [];
    for await (const page of paginateDescribeTags(
      { client: server.ec2(), pageSize: 5 },
      { ...filter },
    )) {
      pages.push(page.Tags?.map((tag) => tag.Key) ?? []);
    }
    assert.deepEqual(
      pages.map((keys) => keys.length),
      [5, 5, 2],
    );
    assert.equal(new Set(pages.flat()).size, 12, "every tag once");

    await assert.rejects(server.ec2().send(new DescribeTagsCommand({ ...filter, MaxResults: 2 })), {
      name: "InvalidParameterValue",
    });
    await assert.rejects(
      server.ec2().send(new DescribeTagsCommand({ ...filter, MaxResults: 5, NextToken: "bogus" })),
      { name: "InvalidPaginationToken" },
    );
  });

  it("refuses reserved keys, too many tags, unknown instances and other resources", async () => {
    const instanceId = await server.launch();
    const create = (Resources: string[], Tags: Tag[]) =>
      server.ec2().send(new CreateTagsCommand({ Resources, Tags }));
    await assert.rejects(create([instanceId], [{ Key: "aws:x", Value: "1" }]), {
      name: "InvalidParameterValue",
    });
    const many = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    await assert.rejects(create([instanceId], many), { name: "TagLimitExceeded" });
    await assert.rejects(create(["i-0123456789abcdef0"], [{ Key: "a", Value: "b" }]), {
      name: "InvalidInstanceID.NotFound",
    });
    await assert.rejects(create(["vol-0123456789abcdef0"], [{ Key: "a", Value: "b" }]), {
      name: "InvalidParameterValue",
    });
  });

  it("serves tags in instance metadata once InstanceMetadataTags is enabled", async () => {
    const instanceId = await server.launch({
      ...launchTags([{ Key: "Name", Value: "web-2" }]),
      MetadataOptions: { InstanceMetadataTags: "enabled" },
    });
    const endpoint = server.keyless.app.imds.endpoint(instanceId);
    const read = async (path: string) => {
      const response = await fetch(`${endpoint}/latest/meta-data/tags/instance${path}`);
      return response.status === 200 ? response.text() : response.status;
    };
    assert.equal(await read("/Name"), "web-2", "tag value from metadata");
    await server
      .ec2()
      .send(
        new CreateTagsCommand({ Resources: [instanceId], Tags: [{ Key: "env", Value: "ci" }] }),
      );
    assert.equal(await read(""), "Name\nenv", "a new tag is listed on the next request");

    await assert.rejects(
      server.ec2().send(
        new CreateTagsCommand({
          Resources: [instanceId],
          Tags: [{ Key: "has space", Value: "x" }],
        }),
      ),
      { name: "InvalidParameterValue", message: /has space/ },
    );
    await server.ec2().send(
      new ModifyInstanceMetadataOptionsCommand({
        InstanceId: instanceId,
        InstanceMetadataTags: "disabled",
      }),
    );
    server.settle();
    assert.equal(await read(""), 404, "no tags category once disabled");
  });
});
