#!/usr/bin/env node
// The keyless command.
import { Command } from "commander";
import { clockCommand } from "./clock.js";
import { credentialsCommand } from "./credentials.js";
import { envCommand, execCommand } from "./exec.js";
import { trailCommand } from "./trail.js";
import { upCommand } from "./up.js";
import { VERSION } from "./version.js";

const program = new Command("keyless")
  .description("A local, faithful AWS identity plane: IAM, STS, EC2, IMDS and S3.")
  .version(VERSION);

program.addCommand(upCommand());
program.addCommand(credentialsCommand());
program.addCommand(execCommand());
program.addCommand(envCommand());
program.addCommand(clockCommand());
program.addCommand(trailCommand());

await program.parseAsync(process.argv);
