import ts from 'typescript';

/** One English string found in source outside the message catalogue. */
export interface LiteralHit {
  file: string;
  line: number;
  text: string;
}

/** JSX attributes whose string values people see or hear. */
const VISIBLE_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  'label',
]);

/**
 * Text that reads as English words: a capitalised word, two words with a space, a word set off by
 * spaces (a template's ` shared `), or a possessive (`'s screen`).
 */
const ENGLISH = /\b[A-Z][a-z]{2,}|[a-z]{2,} [a-z]+|^\s+[a-z]{2,}|[a-z]{2,}\s+$|'s\b|\([a-z]{2,}\)/;

/** Two Latin letters in a row: JSX text with these is words, not punctuation or emoji. */
const LATIN_WORD = /[A-Za-z]{2,}/;

function isInsideIgnoredCall(node: ts.Node): boolean {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isNewExpression(at) && /Error$/.test(at.expression.getText())) return true;
    if (ts.isCallExpression(at)) {
      const callee = at.expression.getText();
      // Developer-facing output and DOM/query plumbing, never shown to people.
      if (
        /(^|\.)(log|debug|info|warn|error|querySelector|querySelectorAll|getItem|setItem|matchMedia|createElement|addEventListener|removeEventListener|postMessage|require|import|super)$/.test(
          callee,
        )
      ) {
        return true;
      }
    }
    if (ts.isBlock(at) || ts.isSourceFile(at)) return false;
  }
  return false;
}

/** Inside a JSX attribute nobody reads (className, id, data-*, ...). */
function isInsideHiddenAttribute(node: ts.Node): boolean {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isJsxAttribute(at)) return !VISIBLE_ATTRIBUTES.has(at.name.getText());
    if (ts.isJsxElement(at) || ts.isJsxSelfClosingElement(at)) return false;
  }
  return false;
}

/** Inside `{...}` among an element's children, where any words are shown as they are. */
function isJsxChild(node: ts.Node): boolean {
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (ts.isJsxAttribute(at)) return false;
    if (ts.isJsxExpression(at)) return ts.isJsxElement(at.parent) || ts.isJsxFragment(at.parent);
    if (ts.isArrowFunction(at) || ts.isFunctionDeclaration(at)) return false;
  }
  return false;
}

function isNonVisiblePosition(node: ts.StringLiteralLike): boolean {
  const parent = node.parent;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent)) return true;
  if (ts.isLiteralTypeNode(parent)) return true;
  if (ts.isPropertyAssignment(parent) && parent.name === node) return true;
  if (ts.isPropertySignature(parent) || ts.isElementAccessExpression(parent)) return true;
  if (ts.isCaseClause(parent)) return true;
  // `this.name = 'EmbedRequestError'`: an error class's name is for code, not people.
  if (
    ts.isBinaryExpression(parent) &&
    parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    /\.name$/.test(parent.left.getText())
  ) {
    return true;
  }
  if (
    ts.isBinaryExpression(parent) &&
    [
      ts.SyntaxKind.EqualsEqualsEqualsToken,
      ts.SyntaxKind.ExclamationEqualsEqualsToken,
      ts.SyntaxKind.InKeyword,
    ].includes(parent.operatorToken.kind)
  ) {
    return true;
  }
  if (ts.isJsxAttribute(parent)) return true; // judged by attribute name below
  return isInsideHiddenAttribute(node) || isInsideIgnoredCall(node);
}

/**
 * Finds English text in one source file that does not come from the catalogue: JSX text, the
 * visible string attributes (aria-label, title, placeholder, ...), and string literals that read
 * as English words elsewhere in the file (labels, announcements, error messages).
 */
export function scanSource(file: string, source: string): LiteralHit[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, kind);
  const hits: LiteralHit[] = [];
  const add = (node: ts.Node, text: string) => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    hits.push({ file, line, text: text.trim() });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) {
      if (LATIN_WORD.test(node.text)) add(node, node.text);
    } else if (ts.isJsxAttribute(node)) {
      const name = node.name.getText(sf);
      const init = node.initializer;
      if (
        VISIBLE_ATTRIBUTES.has(name) &&
        init &&
        ts.isStringLiteral(init) &&
        LATIN_WORD.test(init.text)
      ) {
        add(init, init.text);
      }
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      const words = isJsxChild(node) ? LATIN_WORD : ENGLISH;
      if (words.test(node.text) && !isNonVisiblePosition(node)) add(node, node.text);
    } else if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
      const words = isJsxChild(node) ? LATIN_WORD : ENGLISH;
      if (
        parts.some((part) => words.test(part)) &&
        !isInsideHiddenAttribute(node) &&
        !isInsideIgnoredCall(node)
      ) {
        add(node, parts.join('…'));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return hits;
}
