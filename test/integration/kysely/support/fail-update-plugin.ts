import type {
  KyselyPlugin,
  OperationNode,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

/**
 * The fault-injection seam: a Kysely plugin that makes every UPDATE of one table throw before it reaches
 * the database. Put on the Kysely instance handed to the repository (`db.withPlugin(...)`), it fails the
 * second write of updatePendingPayment (the order row) after the first (the payment row) has run inside
 * the same transaction. The repository writes raw SQL, so the plugin looks for a raw `update <table>`.
 */
export function failUpdatesOf(table: string): KyselyPlugin & { readonly failures: number } {
  let failures = 0;
  return {
    get failures() {
      return failures;
    },
    transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
      if (isUpdateOf(node as Node, table)) {
        failures += 1;
        throw new Error(`injected fault: UPDATE ${table}`);
      }
      return node;
    },
    async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      return result;
    },
  };
}

type Node = {
  kind: OperationNode['kind'];
  sqlFragments?: readonly string[];
  parameters?: readonly Node[];
  name?: unknown;
};

function isUpdateOf(node: Node, table: string): boolean {
  if (node.kind === 'UpdateQueryNode') return names(node).includes(table);
  if (node.kind !== 'RawNode') return false;
  if (/^\s*update\s*$/i.test(node.sqlFragments?.[0] ?? '') && node.parameters?.[0]) {
    return names(node.parameters[0]).includes(table);
  }
  return (node.parameters ?? []).some((p) => isUpdateOf(p, table));
}

/** Every identifier name below `node` (table nodes nest schemable identifiers). */
function names(node: unknown): string[] {
  if (typeof node !== 'object' || node === null) return [];
  const own = (node as Node).kind === 'IdentifierNode' ? [String((node as Node).name)] : [];
  return [...own, ...Object.values(node).flatMap((v) => (Array.isArray(v) ? v.flatMap(names) : names(v)))];
}
