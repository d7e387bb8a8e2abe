/**
 * Who may call the review API. API Gateway has already authenticated the caller (IAM
 * authorization: a SigV4-signed request) and hands over the caller's ARN; this module decides what
 * that principal may do. HTTP APIs have no resource policy, so any principal of the account with
 * `execute-api:Invoke` in its own policies would get through API Gateway: the list of principals
 * configured on the function is the real gate (docs/adr/0009-review-api.md).
 */

/** What a caller may do: read and decide (reviewer), read and erase (data protection officer). */
export type ReviewRole = "reviewer" | "dataProtectionOfficer";

/** The IAM principals allowed in each role, as role or user ARNs. */
export interface AccessPolicy {
  readonly reviewers: readonly string[];
  readonly dataProtectionOfficers: readonly string[];
}

/** An authenticated caller: the id recorded in the audit trail, and the roles it holds. */
export interface Caller {
  /** `<role name>/<session name>` for an assumed role, `user/<user name>` for an IAM user. */
  readonly id: string;
  readonly roles: ReadonlySet<ReviewRole>;
}

interface Principal {
  readonly account: string;
  readonly kind: "role" | "user";
  readonly name: string;
  readonly session?: string;
}

/** The longest id the core accepts as a reviewer id. */
const MAX_CALLER_ID = 128;

/**
 * Reads an IAM role or user ARN (`arn:aws:iam::123456789012:role/path/Name`) or an STS
 * assumed-role ARN (`arn:aws:sts::123456789012:assumed-role/Name/session`). Role and user names
 * are unique in an account whatever their path, and an assumed-role ARN carries no path: the
 * account, the kind and the name identify the principal.
 */
export function parsePrincipal(arn: string): Principal | undefined {
  const match = /^arn:aws[a-z-]*:(iam|sts)::(\d{12}):(.+)$/.exec(arn);
  if (match === null) return undefined;
  const [, service, account = "", resource = ""] = match;
  const parts = resource.split("/");
  if (service === "sts") {
    if (parts[0] !== "assumed-role" || parts.length !== 3 || !parts[1] || !parts[2]) return undefined;
    return { account, kind: "role", name: parts[1], session: parts[2] };
  }
  const name = parts.at(-1);
  if ((parts[0] !== "role" && parts[0] !== "user") || parts.length < 2 || !name) return undefined;
  return { account, kind: parts[0], name };
}

const samePrincipal = (a: Principal, b: Principal) =>
  a.account === b.account && a.kind === b.kind && a.name === b.name;

/**
 * The caller behind an IAM-authorised request (`requestContext.authorizer.iam.userArn`), with the
 * roles the policy gives it; `undefined` when there is no usable identity (no IAM authorizer, the
 * account root, a federated user, an id longer than the audit trail accepts).
 */
export function identifyCaller(userArn: string | undefined, policy: AccessPolicy): Caller | undefined {
  if (userArn === undefined) return undefined;
  const principal = parsePrincipal(userArn);
  if (principal === undefined) return undefined;
  // An assumed role is known by its session name: the person, when the role's trust policy pins it
  // (IAM Identity Center sets it to the user name; `sts:RoleSessionName` conditions otherwise).
  const id =
    principal.kind === "role" ? `${principal.name}/${principal.session ?? ""}` : `user/${principal.name}`;
  if (principal.kind === "role" && principal.session === undefined) return undefined;
  if (id.length > MAX_CALLER_ID) return undefined;
  const holds = (allowed: readonly string[]) =>
    allowed.some((arn) => {
      const listed = parsePrincipal(arn);
      return listed !== undefined && listed.session === undefined && samePrincipal(listed, principal);
    });
  const roles = new Set<ReviewRole>();
  if (holds(policy.reviewers)) roles.add("reviewer");
  if (holds(policy.dataProtectionOfficers)) roles.add("dataProtectionOfficer");
  return { id, roles };
}
