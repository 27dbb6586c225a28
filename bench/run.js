// `npm run bench` entry: see bench/run.ts.
"use strict";
require("../lib/ts-hook").install();
require("./run.ts");
