// Which modules a set of entry files reaches through runtime imports (static, dynamic and
// re-exports; type-only imports are erased by the build and do not count), and the chain of
// imports by which they reach a forbidden package. `npm run lint` uses it to keep tfjs out of the
// page: only the worker, the scripts and the tests may import it.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const EXTENSIONS = ['.ts', '.tsx', '/index.ts', '/index.tsx'];

/** The runtime module specifiers of one TypeScript source. */
export function runtimeImports(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && !typeOnlyImport(node.importClause)) found.push(node.moduleSpecifier.text);
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && !node.isTypeOnly) found.push(node.moduleSpecifier.text);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) found.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** `import type {…}`, or `import { type A, type B }` (no value left to import: the build drops it). */
function typeOnlyImport(clause: ts.ImportClause | undefined): boolean {
  if (!clause) return false; // import 'x' runs x
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return !clause.name && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

/** A relative specifier as a file on disk (queries such as `?url` dropped), or null for a package or a non-source file. */
function resolveRelative(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), specifier.replace(/\?.*$/, ''));
  if (/\.tsx?$/.test(base) && fs.existsSync(base)) return base;
  return EXTENSIONS.map((ext) => base + ext).find((f) => fs.existsSync(f)) ?? null;
}

/** The first chain of imports from an entry to a package that `forbidden` matches, or null. */
export function forbiddenChain(entries: readonly string[], forbidden: RegExp): string[] | null {
  const parent = new Map<string, string | null>(entries.map((e) => [path.resolve(e), null]));
  const queue = [...parent.keys()];
  const chainTo = (file: string) => {
    const chain = [file];
    for (let p = parent.get(file); p; p = parent.get(p)) chain.unshift(p);
    return chain;
  };
  while (queue.length) {
    const file = queue.shift()!;
    for (const specifier of runtimeImports(file, fs.readFileSync(file, 'utf8'))) {
      if (forbidden.test(specifier)) return [...chainTo(file), specifier];
      const next = resolveRelative(file, specifier);
      if (next && !parent.has(next)) {
        parent.set(next, file);
        queue.push(next);
      }
    }
  }
  return null;
}
