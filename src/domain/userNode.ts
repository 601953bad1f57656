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
  return {
    name,
    summary,
    attributes: { userId: user.userId, email: user.email, firstName: user.firstName, lastName: user.lastName },
  };
}
