import { createHash } from 'node:crypto';

/** A stable 18-digit RoleId for a role ARN (STS shows it in AssumedRoleId). */
export function roleId(roleArn: string): string {
  const digest = createHash('sha256').update(`role:${roleArn.toLowerCase()}`).digest();
  return ((digest.readBigUInt64BE(0) % 900_000_000_000_000_000n) + 100_000_000_000_000_000n).toString();
}

/** The role name of `acs:ram::<uid>:role/<name>`, lower-cased as STS prints it in ARNs. */
export function roleNameOf(roleArn: string): string {
  return (roleArn.split(':role/')[1] ?? '').toLowerCase();
}
