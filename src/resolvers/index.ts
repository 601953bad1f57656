import type { Resolvers } from "../__generated__/resolvers-types";
import { Mutation } from "./Mutation";
import { Query } from "./Query";
import { EntityNode } from "./EntityNode";
import { Episode } from "./Episode";
import { Fact } from "./Fact";
import { Thread } from "./Thread";
import { User } from "./User";
import { scalarResolvers } from "./scalars";

export const resolvers: Resolvers = { ...scalarResolvers, Query, Mutation, User, Thread, EntityNode, Fact, Episode };
