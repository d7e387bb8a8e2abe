/**
 * Who may call the review API. API Gateway has already authenticated the caller, in one of two
 * modes (docs/adr/0009-review-api.md), and this module decides what that caller may do:
 *
 * - IAM authorization (the default): a SigV4-signed request, whose signer's ARN is matched against
 *   the principals configured on the function. HTTP APIs have no resource policy, so any principal
 *   of the account with `execute-api:Invoke` in its own policies would get through API Gateway: the
 *   list of principals is the real gate.
 * - A JWT authorizer: API Gateway has verified the token's signature, issuer, audience and expiry;
 *   the caller is named by one claim (`sub` by default) and holds the roles its groups claim grants.
 */
/** What a caller may do: read and decide (reviewer), read and erase (data protection officer). */
export type ReviewRole = "reviewer" | "dataProtectionOfficer";

/** IAM authorization: the principals allowed in each role, as role or user ARNs. */
export interface IamAccessPolicy {
  readonly kind?: "iam";
  readonly reviewers: readonly string[];
  readonly dataProtectionOfficers: readonly string[];
}

/** JWT authorization: the claims that name the caller and list its groups, and the groups of each role. */
export interface JwtAccessPolicy {
  readonly kind: "jwt";
  /** The claim whose value identifies the caller in the audit trail (`sub` by default). */
  readonly idClaim: string;
  /** The claim listing the caller's groups (`groups` by default; `cognito:groups` for Cognito). */
  readonly groupsClaim: string;
  readonly reviewerGroups: readonly string[];
  readonly dataProtectionOfficerGroups: readonly string[];
}

/** How callers are identified and what they may do; IAM when `kind` is absent. */
export type AccessPolicy = IamAccessPolicy | JwtAccessPolicy;

/** What API Gateway passes to the function about the caller (payload format 2.0), in either mode. */
export interface Authorizer {
  readonly iam?: { readonly userArn?: string } | null;
  readonly jwt?: { readonly claims?: Readonly<Record<string, unknown>> | null } | null;
}

/** An authenticated caller: the id recorded in the audit trail, and the roles it holds. */
export interface Caller {
  /**
   * `<role name>/<session name>` for an assumed role, `user/<user name>` for an IAM user,
   * `jwt:<id claim>` for a JWT-authorised caller (IAM names cannot contain `:`: no IAM id starts so).
   */
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
export function identifyCaller(userArn: string | undefined, policy: IamAccessPolicy): Caller | undefined {
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

/** The prefix of the ids of JWT-authorised callers. */
export const JWT_CALLER_PREFIX = "jwt:";

/**
 * The values of a claim that lists groups. API Gateway's JWT authorizer hands an array claim to the
 * function flattened into one string, `["reviewers", "dpo"]` becoming `"[reviewers dpo]"`: both
 * forms are read. A group whose name holds a space cannot be told from two groups in the flattened
 * form, which is why configured group names may not contain whitespace (nor brackets or commas). Any
 * other string is a single group; anything else (a number, an absent claim) is no group.
 */
export function claimValues(value: unknown): readonly string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
  if (typeof value !== "string") return [];
  const flattened = /^\[(.*)\]$/s.exec(value);
  if (flattened !== null) return (flattened[1] ?? "").split(/\s+/).filter((group) => group !== "");
  return value === "" ? [] : [value];
}

/**
 * An id claim's value usable in the audit trail: a string without whitespace or control characters,
 * and not an array (nor an array's flattened form, `[…]`).
 */
const usableId = (value: unknown): value is string =>
  typeof value === "string" && /^[^\s\p{Cc}]+$/u.test(value) && !/^\[.*\]$/s.test(value);

/**
 * The caller behind a JWT-authorised request (`requestContext.authorizer.jwt.claims`, already
 * verified by API Gateway), with the roles its groups grant; `undefined` when the token has no
 * usable id claim, or an id longer than the audit trail accepts (refused, never truncated).
 */
export function identifyJwtCaller(
  claims: Readonly<Record<string, unknown>> | null | undefined,
  policy: JwtAccessPolicy,
): Caller | undefined {
  if (claims === null || claims === undefined) return undefined;
  const claim = (name: string): unknown => (Object.hasOwn(claims, name) ? claims[name] : undefined);
  const subject = claim(policy.idClaim);
  if (!usableId(subject)) return undefined;
  const id = `${JWT_CALLER_PREFIX}${subject}`;
  if (id.length > MAX_CALLER_ID) return undefined;
  const groups = new Set(claimValues(claim(policy.groupsClaim)));
  const holds = (allowed: readonly string[]) => allowed.some((group) => groups.has(group));
  const roles = new Set<ReviewRole>();
  if (holds(policy.reviewerGroups)) roles.add("reviewer");
  if (holds(policy.dataProtectionOfficerGroups)) roles.add("dataProtectionOfficer");
  return { id, roles };
}

/**
 * The caller of a request in the API's mode: a JWT policy reads only the JWT claims, an IAM policy
 * only the IAM signer (a request authorised the other way has no caller).
 */
export function callerOf(
  authorizer: Authorizer | null | undefined,
  policy: AccessPolicy,
): Caller | undefined {
  return policy.kind === "jwt"
    ? identifyJwtCaller(authorizer?.jwt?.claims, policy)
    : identifyCaller(authorizer?.iam?.userArn, policy);
}
