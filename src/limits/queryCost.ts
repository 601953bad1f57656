import {
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  Kind,
  getArgumentValues,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  valueFromASTUntyped,
} from "graphql";

// An operation's estimated cost, from the schema's demand-control directives, as a router's demand control
// estimates it (Apollo's and Hive's: the same numbers for the same document):
//   - a composite field costs 1, a leaf 0, unless @cost(weight) says otherwise;
//   - a list field counts its item once per item: its slicing argument (`first`, `last`, `pageSize`, `limit`:
//     @listSize's slicingArguments), else @listSize's assumedSize, else as many as its list argument holds
//     (_entities: one per representation), else DEFAULT_LIST_SIZE;
//   - with @listSize(sizedFields), the size counts for those child fields instead (a connection's `edges`).
// One addition of ours: a sized field costs at least its size, since the page is read from Neo4j whether or
// not its items are selected (`usersOrdered(pageSize: 1000) { rowCount }` reads 1000 users).
// Spec: https://ibm.github.io/graphql-specs/cost-spec.html, as Apollo Federation's @cost and @listSize adopt it.

export const DEFAULT_LIST_SIZE = 10;

interface ListSize {
  slicingArguments: string[];
  assumedSize: number | null;
  sizedFields: string[];
}

interface Walk {
  schema: GraphQLSchema;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

/** Child fields of a sized field, by name, and how many of each the parent's page holds. */
type Sized = { fields: readonly string[]; size: number } | null;

export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const root = schema.getRootType(operation.operation);
  return root ? selectionSetCost({ schema, fragments, variables }, root, operation.selectionSet, null) : 0;
}

// Fragments on an abstract type (`... on User`, `... on Thread` under _entities) are added up: an upper bound.
function selectionSetCost(walk: Walk, parent: GraphQLNamedType, set: SelectionSetNode, sized: Sized): number {
  let total = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      total += fieldCost(walk, parent, selection, sized);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parent;
      if (type) total += selectionSetCost(walk, type, selection.selectionSet, sized);
    } else {
      const fragment = walk.fragments.get(selection.name.value);
      const type = fragment && walk.schema.getType(fragment.typeCondition.name.value);
      if (fragment && type) total += selectionSetCost(walk, type, fragment.selectionSet, sized);
    }
  }
  return total;
}

function fieldCost(walk: Walk, parent: GraphQLNamedType, node: FieldNode, sized: Sized): number {
  // __typename and introspection cost nothing.
  if (node.name.value.startsWith("__") || !(isObjectType(parent) || isInterfaceType(parent))) return 0;
  const field = parent.getFields()[node.name.value];
  if (field === undefined) return 0;
  const type = getNamedType(field.type);
  const weight = costWeight(field.astNode?.directives) ?? costWeight(type.astNode?.directives) ?? (isCompositeType(type) ? 1 : 0);
  const listSize = listSizeOf(field);
  const size = sizeOf(field, listSize, argumentsOf(field, node, walk.variables));
  const childSized = listSize && listSize.sizedFields.length > 0 ? { fields: listSize.sizedFields, size } : null;
  const children = node.selectionSet ? selectionSetCost(walk, type, node.selectionSet, childSized) : 0;
  const items = sized?.fields.includes(node.name.value) ? sized.size : isListType(getNullableType(field.type)) ? size : 1;
  const cost = items * (weight + children);
  return childSized ? Math.max(cost, weight + childSized.size) : cost;
}

function sizeOf(field: GraphQLField<unknown, unknown>, listSize: ListSize | null, args: Record<string, unknown>): number {
  const sliced = (listSize?.slicingArguments ?? []).map((name) => args[name]).filter((value): value is number => typeof value === "number");
  if (sliced.length > 0) return Math.max(0, ...sliced);
  if (listSize?.assumedSize != null) return listSize.assumedSize;
  const list = field.args.map((arg) => args[arg.name]).find((value): value is unknown[] => Array.isArray(value));
  return list?.length ?? DEFAULT_LIST_SIZE;
}

// The operation is valid by now, but its variables are not yet coerced: a variable of the wrong type costs
// as if its argument were not given, and execution then refuses it.
function argumentsOf(field: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>): Record<string, unknown> {
  try {
    return getArgumentValues(field, node, variables);
  } catch {
    return {};
  }
}

const listSizes = new WeakMap<GraphQLField<unknown, unknown>, ListSize | null>();

function listSizeOf(field: GraphQLField<unknown, unknown>): ListSize | null {
  if (!listSizes.has(field)) {
    const args = directiveArguments(field.astNode?.directives, "listSize");
    const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : []);
    listSizes.set(
      field,
      args && {
        slicingArguments: strings(args.slicingArguments),
        assumedSize: typeof args.assumedSize === "number" ? args.assumedSize : null,
        sizedFields: strings(args.sizedFields),
      },
    );
  }
  return listSizes.get(field) ?? null;
}

/** @cost(weight) on a field or a type. */
function costWeight(directives: readonly ConstDirectiveNode[] | undefined): number | null {
  const weight = directiveArguments(directives, "cost")?.weight;
  return typeof weight === "number" ? weight : null;
}

function directiveArguments(directives: readonly ConstDirectiveNode[] | undefined, name: string): Record<string, unknown> | null {
  const directive = directives?.find((candidate) => candidate.name.value === name);
  if (!directive) return null;
  return Object.fromEntries((directive.arguments ?? []).map((arg) => [arg.name.value, valueFromASTUntyped(arg.value)]));
}
