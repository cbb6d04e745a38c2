import { GraphQLError, type ASTVisitor, type ValidationContext } from "graphql";

/**
 * Refuses an operation whose root type the schema does not have (a mutation
 * or subscription here) while validating, so the client gets a 400 that says
 * so. graphql-js 16 only notices at execution, as an internal server error.
 * (graphql-js 17 ships this rule as KnownOperationTypesRule.)
 */
export function KnownOperationTypesRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (!context.getSchema().getRootType(node.operation)) {
        context.reportError(new GraphQLError(`This API does not support ${node.operation} operations: it has no ${node.operation} type.`, { nodes: node }));
      }
    },
  };
}
