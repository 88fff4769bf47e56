// The architecture "tidy" rules (/work/shared/design/ARCHITECTURE.md, "Layers"): the pure layers — core, rates,
// schedule, servicing, planning, risk — have no I/O, no clock, no randomness, no environment, import only from their
// own or lower layers, and do not use floating point for money without saying why.
//
// The scanner parses each file with the TypeScript compiler (syntax only, no type checking), so comments and
// strings never trigger a rule and multi-line imports are read whole. It is deliberately syntactic: a global such as
// `process` is not flagged in a file that declares its own binding of that name.
import { readdirSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import ts from "typescript";

/** Layers from low to high; a file may import from layers of the same or a lower rank. */
export const LAYER_RANK: Readonly<Record<string, number>> = {
  core: 0,
  rates: 1,
  schedule: 2,
  servicing: 3,
  planning: 4,
  risk: 4,
  app: 5,
  store: 5, // persistence, used by app/; impure, so above every pure layer
  api: 6,
  cli: 6,
  jobs: 6,
  web: 6,
  "(root)": 7, // files directly in src/, e.g. the public entry point src/index.ts
};

export const PURE_LAYERS = ["core", "rates", "schedule", "servicing", "planning", "risk"] as const;
export type PureLayer = (typeof PURE_LAYERS)[number];

/** npm packages a pure layer may import at run time. Type-only imports of npm packages are always allowed. */
export const ALLOWED_PACKAGES: ReadonlySet<string> = new Set<string>([]);

/** This package's own name: importing it from inside is an import of src/index.ts. */
const SELF_PACKAGE = "tenor";

export type RuleId =
  | "no-date"
  | "no-random"
  | "no-crypto"
  | "no-performance"
  | "no-process"
  | "no-console"
  | "no-timers"
  | "no-global-this"
  | "no-io-import"
  | "layer-order"
  | "layer-unknown"
  | "npm-allow-list"
  | "float-money";

export interface Violation {
  /** Path relative to the repository root, with `/` separators. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly rule: RuleId;
  readonly message: string;
}

export function formatViolation(v: Violation): string {
  return `${v.file}:${v.line}:${v.column} [${v.rule}] ${v.message}`;
}

/** Globals that reach the clock, randomness, the environment or the host; a pure layer gets these as arguments. */
const IMPURE_GLOBALS: ReadonlyMap<string, { rule: RuleId; why: string }> = new Map([
  ["Date", { rule: "no-date", why: "uses Date — pass the business date in as a calendar day" }],
  ["crypto", { rule: "no-crypto", why: "uses crypto — ids and randomness come in as arguments" }],
  ["performance", { rule: "no-performance", why: "uses performance (a clock)" }],
  ["process", { rule: "no-process", why: "uses process (environment, I/O)" }],
  ["console", { rule: "no-console", why: "uses console (I/O) — return diagnostics instead" }],
  ["setTimeout", { rule: "no-timers", why: "uses setTimeout (a clock)" }],
  ["setInterval", { rule: "no-timers", why: "uses setInterval (a clock)" }],
  ["setImmediate", { rule: "no-timers", why: "uses setImmediate (scheduling)" }],
  ["clearTimeout", { rule: "no-timers", why: "uses clearTimeout (a clock)" }],
  ["clearInterval", { rule: "no-timers", why: "uses clearInterval (a clock)" }],
  [
    "globalThis",
    { rule: "no-global-this", why: "uses globalThis (reaches the environment around these rules)" },
  ],
]);

const FLOAT_HINT =
  'floats for money — use exact integer/rational arithmetic, or mark it "// float-ok: <reason>"';

const NODE_BUILTINS: ReadonlySet<string> = new Set(builtinModules);

// ---------------------------------------------------------------------------------------------------------------

/** The layer of a repository-relative path under src/ (`src/schedule/x.ts` → `schedule`), else undefined. */
export function layerOf(file: string): string | undefined {
  const parts = file.split("/");
  if (parts[0] !== "src" || parts.length < 2) return undefined;
  return parts.length === 2 ? "(root)" : parts[1];
}

export function isPureLayer(layer: string | undefined): layer is PureLayer {
  return (PURE_LAYERS as readonly string[]).includes(layer ?? "");
}

/** A source file the rules apply to: TypeScript, not a test. */
export function isScannedFile(file: string): boolean {
  return /\.[cm]?ts$/.test(file) && !/\.(test|spec)\.[cm]?ts$/.test(file);
}

/** Repository-relative paths of the scanned files of one layer; empty when the layer does not exist yet. */
export function listLayerFiles(repoRoot: string, layer: string): string[] {
  const root = path.join(repoRoot, "src", layer);
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const rel = path.relative(repoRoot, full).split(path.sep).join("/");
        if (isScannedFile(rel)) found.push(rel);
      }
    }
  };
  if (existsDir(root)) walk(root);
  return found.sort();
}

export function existsDir(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * Applies every rule to one file's text. `file` is its repository-relative path (`src/<layer>/…`); it decides the
 * file's layer and resolves relative imports, so fixtures can pose as any file.
 */
export function scanSource(source: string, file: string): Violation[] {
  const layer = layerOf(file);
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const lines = source.split(/\r?\n/);
  const declared = collectDeclaredNames(sf);
  const violations: Violation[] = [];

  const report = (node: ts.Node, rule: RuleId, message: string): void => {
    const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    violations.push({ file, line: line + 1, column: character + 1, rule, message });
  };

  const reportFloat = (node: ts.Node, what: string): void => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line; // 0-based
    const waiver = floatWaiver(lines, line);
    if (waiver === "ok") return;
    const note = waiver === "empty" ? ' (a float-ok comment needs the form "// float-ok: <reason>")' : "";
    report(node, "float-money", `${what} — ${FLOAT_HINT}${note}`);
  };

  const checkImport = (node: ts.Node, specifier: string, typeOnly: boolean): void => {
    const problem = importProblem(file, layer, specifier, typeOnly);
    if (problem) report(node, problem.rule, problem.message);
  };

  const isGlobal = (node: ts.Node, name: string): boolean =>
    ts.isIdentifier(node) && node.text === name && !declared.has(name);

  const visit = (node: ts.Node): void => {
    // --- imports and re-exports
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      checkImport(node, node.moduleSpecifier.text, importIsTypeOnly(node));
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const typeOnly =
        node.isTypeOnly ||
        (node.exportClause !== undefined &&
          ts.isNamedExports(node.exportClause) &&
          node.exportClause.elements.length > 0 &&
          node.exportClause.elements.every((e) => e.isTypeOnly));
      checkImport(node, node.moduleSpecifier.text, typeOnly);
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      checkImport(node, node.moduleReference.expression.text, node.isTypeOnly);
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      if (ts.isLiteralTypeNode(arg) && ts.isStringLiteral(arg.literal))
        checkImport(node, arg.literal.text, true);
    } else if (ts.isCallExpression(node)) {
      const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      if (isDynamicImport || isGlobal(node.expression, "require")) {
        const arg = node.arguments[0];
        if (arg && ts.isStringLiteralLike(arg)) checkImport(node, arg.text, false);
        else
          report(
            node,
            "layer-unknown",
            "imports a computed module specifier — a pure layer's imports must be static",
          );
      }
    }

    // --- floats for money
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      if (isGlobal(node.expression, "Number")) reportFloat(node, "Number( conversion");
      const callee = node.expression;
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(callee) &&
        callee.name.text === "toFixed"
      ) {
        reportFloat(callee.name, "toFixed(");
      }
    }
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      // `10n ** k` is an exact bigint power, not a float.
      const bigintBase = ts.isBigIntLiteral(node.left);
      if (
        !bigintBase &&
        (op === ts.SyntaxKind.AsteriskAsteriskToken || op === ts.SyntaxKind.AsteriskAsteriskEqualsToken)
      ) {
        reportFloat(node.operatorToken, `${node.operatorToken.getText(sf)} operator`);
      }
    }
    const member = memberAccess(node);
    if (member && ts.isIdentifier(member.object) && !declared.has(member.object.text)) {
      const key = `${member.object.text}.${member.name}`;
      if (key === "Math.random")
        report(node, "no-random", "uses Math.random — randomness comes in as an argument");
      else if (key === "Math.round") reportFloat(node, "Math.round(");
      else if (key === "Math.pow") reportFloat(node, "Math.pow(");
      else if (key === "Number.parseFloat") reportFloat(node, "Number.parseFloat");
    }

    // --- impure globals (and the bare parseFloat)
    if (ts.isIdentifier(node) && !declared.has(node.text) && isReference(node)) {
      const impure = IMPURE_GLOBALS.get(node.text);
      if (impure) report(node, impure.rule, impure.why);
      else if (node.text === "parseFloat") reportFloat(node, "parseFloat");
    }

    ts.forEachChild(node, visit);
  };
  visit(sf);
  return violations.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** `Object.name` or `Object["name"]`. */
function memberAccess(node: ts.Node): { object: ts.Expression; name: string } | undefined {
  if (ts.isPropertyAccessExpression(node)) return { object: node.expression, name: node.name.text };
  if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) {
    return { object: node.expression, name: node.argumentExpression.text };
  }
  return undefined;
}

/** "ok" when line `line` (0-based) or the one above carries `// float-ok: <reason>`; "empty" if the reason is missing. */
function floatWaiver(lines: readonly string[], line: number): "ok" | "empty" | "none" {
  let result: "ok" | "empty" | "none" = "none";
  for (const text of [lines[line], lines[line - 1]]) {
    const match = text === undefined ? null : /\/\/\s*float-ok\b(.*)$/.exec(text);
    if (!match) continue;
    if (/^:\s*\S/.test(match[1] ?? "")) return "ok";
    result = "empty";
  }
  return result;
}

function importIsTypeOnly(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // `import "x"` runs the module
  if (clause.phaseModifier === ts.SyntaxKind.TypeKeyword) return true;
  if (clause.name) return false;
  const bindings = clause.namedBindings;
  return (
    bindings !== undefined &&
    ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 &&
    bindings.elements.every((e) => e.isTypeOnly)
  );
}

function importProblem(
  file: string,
  fromLayer: string | undefined,
  specifier: string,
  typeOnly: boolean,
): { rule: RuleId; message: string } | undefined {
  const fromRank = fromLayer === undefined ? undefined : LAYER_RANK[fromLayer];
  const checkTarget = (target: string | undefined, what: string) => {
    const targetRank = target === undefined ? undefined : LAYER_RANK[target];
    if (target === undefined || targetRank === undefined) {
      return {
        rule: "layer-unknown" as const,
        message: `imports "${specifier}" (${what}), which is in no known layer`,
      };
    }
    if (fromRank !== undefined && targetRank > fromRank) {
      return {
        rule: "layer-order" as const,
        message: `imports "${specifier}" from the higher layer ${target}/ — ${fromLayer}/ may import only from its own or lower layers`,
      };
    }
    return undefined;
  };

  if (specifier.startsWith(".") || specifier.startsWith("/")) {
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
    if (!resolved.startsWith("src/")) return checkTarget(undefined, `resolves to ${resolved}, outside src/`);
    return checkTarget(layerOf(resolved), `resolves to ${resolved}`);
  }
  if (specifier.startsWith("node:") || NODE_BUILTINS.has(specifier)) {
    return {
      rule: "no-io-import",
      message: `imports the Node.js module "${specifier}" — no I/O in a pure layer`,
    };
  }
  const parts = specifier.split("/");
  const pkg = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
  if (pkg === SELF_PACKAGE) return checkTarget("(root)", "this package's public entry");
  if (typeOnly || ALLOWED_PACKAGES.has(pkg)) return undefined;
  return {
    rule: "npm-allow-list",
    message: `imports the npm package "${pkg}" at run time — not in the pure layers' allow list (test/tidy-rules.ts)`,
  };
}

/** Names the file binds itself (variables, parameters, functions, classes, imports…): not the globals of that name. */
function collectDeclaredNames(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const addBinding = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const element of name.elements) if (ts.isBindingElement(element)) addBinding(element.name);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node))
      addBinding(node.name);
    else if (
      (ts.isFunctionDeclaration(node) ||
        ts.isClassDeclaration(node) ||
        ts.isFunctionExpression(node) ||
        ts.isClassExpression(node) ||
        ts.isEnumDeclaration(node) ||
        ts.isImportClause(node) ||
        ts.isNamespaceImport(node) ||
        ts.isImportSpecifier(node) ||
        ts.isImportEqualsDeclaration(node)) &&
      node.name &&
      ts.isIdentifier(node.name)
    ) {
      names.add(node.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return names;
}

/** Whether an identifier refers to a binding (value or type), rather than naming a property, member or label. */
function isReference(id: ts.Identifier): boolean {
  const parent = id.parent;
  if (!parent) return true;
  if (ts.isPropertyAccessExpression(parent)) return parent.expression === id;
  if (ts.isQualifiedName(parent)) return parent.left === id;
  if (
    ts.isPropertyAssignment(parent) ||
    ts.isPropertyDeclaration(parent) ||
    ts.isPropertySignature(parent) ||
    ts.isMethodDeclaration(parent) ||
    ts.isMethodSignature(parent) ||
    ts.isGetAccessorDeclaration(parent) ||
    ts.isSetAccessorDeclaration(parent) ||
    ts.isEnumMember(parent) ||
    ts.isTypeAliasDeclaration(parent) ||
    ts.isInterfaceDeclaration(parent) ||
    ts.isTypeParameterDeclaration(parent) ||
    ts.isModuleDeclaration(parent)
  ) {
    return parent.name !== id;
  }
  if (ts.isBindingElement(parent) && parent.propertyName === id) return false; // `const { Date: d } = x`
  if (ts.isNamedTupleMember(parent)) return parent.name !== id;
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent)) return false;
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return false;
  return true;
}
