// Entry point of the Pulumi program (see Pulumi.yaml and bin/pulumi-entry.js).
import { runProgram } from "./program";

export = runProgram();
