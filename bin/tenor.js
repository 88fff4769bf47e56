#!/usr/bin/env node
// Entry point for `npx tenor`: the CLI is TypeScript, run by Node 24's type stripping.
import "../src/cli/main.ts";
