/**
 * What a field's selection set asks for, read from the AST a resolver is
 * given, so that a read planner can decide what to fetch in one statement.
 *
 * Only `fieldNodes`, `fragments`, `variableValues` and `schema` of the resolve
 * info are read: graphql-js and graphql-jit both pass those (graphql-jit's
 * info is built lazily and its other members are not guaranteed to match).
 *
 * The result is by field *name*, not by response name: aliases of one field
 * merge, because a planner cares what data is needed, not under which keys it
 * is answered. Fragments and inline fragments count where their type
 * condition applies to the type being read; `@skip` and `@include` are
 * honoured. Each field's selection remembers where it was read from (its
 * field nodes and the type they are fields of), so that a planner can ask for
 * the arguments it was given (`argumentSets`): one set per occurrence, since
 * aliases of a field may pass different arguments.
 */
import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isInterfaceType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionNode,
  type SelectionSetNode,
} from "graphql";

/** The parts of a GraphQLResolveInfo this module reads. */
export interface SelectionSource {
  fieldNodes: readonly FieldNode[];
  fragments: Record<string, FragmentDefinitionNode>;
  variableValues: Record<string, unknown>;
  schema: GraphQLSchema;
}

/** The fields asked of an object, by field name, each with what is asked of it in turn. */
export interface Selection extends ReadonlyMap<string, Selection> {
  /** The field nodes this is the selection of (every alias and fragment that asks for the field); none for a root. */
  readonly occurrences: readonly FieldOccurrence[];
}

/** One field node asking for a field, and the type whose field it is. */
export interface FieldOccurrence {
  node: FieldNode;
  parentType: string;
}

type MutableSelection = Map<string, MutableSelection> & { occurrences: FieldOccurrence[] };

const newSelection = (): MutableSelection => Object.assign(new Map<string, MutableSelection>(), { occurrences: [] as FieldOccurrence[] });

const EMPTY: Selection = newSelection();

/**
 * The selection of the resolved field (all its `fieldNodes` merged), read as
 * the object type `typeName`: for a field of an abstract type, pass the
 * concrete type to plan for (e.g. `nodes` read as "Chapter").
 */
export function selectionOf(info: SelectionSource, typeName: string): Selection {
  const into = newSelection();
  for (const node of info.fieldNodes) if (node.selectionSet) collect(info, node.selectionSet, typeName, into);
  return into;
}

/** What is asked of `path` (field names) below `selection`; empty when any step is not asked for. */
export function below(selection: Selection, ...path: string[]): Selection {
  let at = selection;
  for (const name of path) at = at.get(name) ?? EMPTY;
  return at;
}

/** Whether `selection` asks for the field `name`. */
export function asks(selection: Selection, name: string): boolean {
  return selection.has(name);
}

/** Both selections' fields (and their occurrences), merged at every depth. */
export function merged(a: Selection, b: Selection): Selection {
  if (!a.size && !a.occurrences.length) return b;
  if (!b.size && !b.occurrences.length) return a;
  const into = newSelection();
  into.occurrences.push(...a.occurrences, ...b.occurrences);
  for (const name of new Set([...a.keys(), ...b.keys()])) into.set(name, merged(below(a, name), below(b, name)) as MutableSelection);
  return into;
}

/**
 * The arguments of every occurrence of the field whose selection this is,
 * coerced as its resolver receives them (variables substituted, defaults
 * applied, custom scalars parsed): one entry per occurrence.
 */
export function argumentSets(info: SelectionSource, selection: Selection): Record<string, unknown>[] {
  return selection.occurrences.map(({ node, parentType }) => {
    const type = info.schema.getType(parentType);
    const field = (isObjectType(type) || isInterfaceType(type)) && type.getFields()[node.name.value];
    return field ? getArgumentValues(field, node, info.variableValues) : {};
  });
}

function collect(info: SelectionSource, set: SelectionSetNode, typeName: string, into: MutableSelection): void {
  for (const selection of set.selections) {
    if (!included(info, selection)) continue;
    switch (selection.kind) {
      case Kind.FIELD: {
        const name = selection.name.value;
        let sub = into.get(name);
        if (!sub) {
          sub = newSelection();
          into.set(name, sub);
        }
        sub.occurrences.push({ node: selection, parentType: typeName });
        const fieldType = selection.selectionSet && fieldTypeName(info.schema, typeName, name);
        if (selection.selectionSet && fieldType) collect(info, selection.selectionSet, fieldType, sub);
        break;
      }
      case Kind.INLINE_FRAGMENT:
        if (!selection.typeCondition || applies(info.schema, selection.typeCondition.name.value, typeName)) {
          collect(info, selection.selectionSet, typeName, into);
        }
        break;
      case Kind.FRAGMENT_SPREAD: {
        const fragment = info.fragments[selection.name.value];
        if (fragment && applies(info.schema, fragment.typeCondition.name.value, typeName)) collect(info, fragment.selectionSet, typeName, into);
        break;
      }
    }
  }
}

/** Whether `@skip`/`@include` leave the selection in, as graphql-js decides it. */
function included(info: SelectionSource, node: SelectionNode): boolean {
  if (!node.directives?.length) return true;
  if (getDirectiveValues(GraphQLSkipDirective, node, info.variableValues)?.if === true) return false;
  if (getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues)?.if === false) return false;
  return true;
}

/** The named type of field `name` of `typeName`; undefined for meta fields and unknown types. */
function fieldTypeName(schema: GraphQLSchema, typeName: string, name: string): string | undefined {
  const type = schema.getType(typeName);
  if (!isObjectType(type) && !isInterfaceType(type)) return undefined;
  const field = type.getFields()[name];
  return field ? getNamedType(field.type).name : undefined;
}

/** Whether a fragment on `condition` applies to an object of type `typeName`. */
function applies(schema: GraphQLSchema, condition: string, typeName: string): boolean {
  if (condition === typeName) return true;
  const conditionType = schema.getType(condition);
  const type = schema.getType(typeName);
  return isAbstractType(conditionType) && (isObjectType(type) || isInterfaceType(type)) && schema.isSubType(conditionType, type);
}
