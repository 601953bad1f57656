import { nameKey, words } from "./graph/text";

/**
 * What the user's graph node says about the user, derived from the user's own fields: the name people
 * know them by, a one-paragraph summary, and the attributes Zep puts on a user node.
 */
export interface UserFields {
  userId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
}

export interface UserNodeDescription {
  name: string;
  summary: string;
  attributes: Record<string, string | null>;
  /** Names that resolve to the user node in addFactTriple: userId, email, full name, node name. */
  resolveKeys: string[];
  /** Word runs whose presence in an episode links it to the user node: email, userId, full name. */
  matchKeys: string[];
}

export function fullName(user: UserFields): string | null {
  const name = [user.firstName, user.lastName].filter((part) => part).join(" ");
  return name.length > 0 ? name : null;
}

export function describeUserNode(user: UserFields): UserNodeDescription {
  const name = fullName(user) ?? user.email ?? user.userId;
  const known = [`user id "${user.userId}"`];
  if (user.email) known.push(`email address ${user.email}`);
  const summary = fullName(user)
    ? `${name} is a user with ${known.join(" and ")}.`
    : `This user has ${known.join(" and ")}; their name is not known.`;
  const identifying = [user.userId, user.email, fullName(user)].filter((key): key is string => Boolean(key));
  return {
    name,
    summary,
    attributes: { userId: user.userId, email: user.email, firstName: user.firstName, lastName: user.lastName },
    resolveKeys: [...new Set([...identifying, name].map(nameKey))],
    matchKeys: [...new Set(identifying.map(words).filter((key) => key.length > 0))],
  };
}
