// S3 general-purpose bucket naming rules (AWS documentation, "Bucket naming rules").
// Checked before any `pulumi up` so a bad name fails in review, not halfway through a deploy.

export function s3BucketNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length < 3 || name.length > 63) problems.push(`it is ${name.length} characters long; S3 allows 3-63`);
  if (!/^[a-z0-9.-]*$/.test(name)) problems.push("only lowercase letters, digits, '.' and '-' are allowed");
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) problems.push("it must begin and end with a letter or digit");
  if (name.includes("..")) problems.push('it must not contain ".."');
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) problems.push("it must not look like an IP address");
  for (const prefix of ["xn--", "sthree-", "amzn-s3-demo-"]) {
    if (name.startsWith(prefix)) problems.push(`it must not start with "${prefix}"`);
  }
  for (const suffix of ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"]) {
    if (name.endsWith(suffix)) problems.push(`it must not end with "${suffix}"`);
  }
  return problems;
}
