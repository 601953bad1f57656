import { GraphQLError, OperationTypeNode, type ValidationRule } from "graphql";

/** usergraph serves queries and mutations; a subscription gets a clear refusal instead of an internal error. */
export const NoSubscriptions: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation === OperationTypeNode.SUBSCRIPTION) {
      context.reportError(new GraphQLError("subscriptions are not supported by usergraph; use queries and mutations", { nodes: [node] }));
    }
  },
});
