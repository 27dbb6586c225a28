// @pulumi/pulumi captures a stack trace for every promise it creates; at hundreds of
// resources that dominates run time. Tests assert messages, never stack traces.
Error.stackTraceLimit = 0;
