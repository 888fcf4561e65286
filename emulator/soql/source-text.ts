/**
 * Finds where things are in the query text, for the caret of error messages: the parser's AST has no
 * positions, so the text is tokenised again and searched per query scope (the main query or a subquery).
 */

export interface SourceToken {
  readonly text: string;
  readonly upper: string;
  readonly start: number;
  readonly kind: 'word' | 'string' | 'symbol';
  /** The query (0) or subquery (1..n, in text order) the token belongs to. */
  readonly scope: number;
}

interface ScopeInfo {
  readonly parent: number;
  /** Offset of the subquery's `SELECT` (0 for the main query). */
  readonly start: number;
}

const DATE_OR_DATETIME = /\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?/y;
const WORD = /[A-Za-z0-9_$][A-Za-z0-9_.$]*(?::\d+)?/y;
const TWO_CHAR_SYMBOLS = new Set(['<=', '>=', '!=', '<>']);

function matchAt(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
}

function lex(soql: string): { text: string; start: number; kind: SourceToken['kind'] }[] {
  const tokens: { text: string; start: number; kind: SourceToken['kind'] }[] = [];
  let i = 0;
  while (i < soql.length) {
    const char = soql.charAt(i);
    if (/\s/.test(char)) {
      i += 1;
    } else if (char === "'") {
      let j = i + 1;
      while (j < soql.length && soql.charAt(j) !== "'") j += soql.charAt(j) === '\\' ? 2 : 1;
      const end = Math.min(j + 1, soql.length);
      tokens.push({ text: soql.slice(i, end), start: i, kind: 'string' });
      i = end;
    } else {
      const word = matchAt(DATE_OR_DATETIME, soql, i) ?? matchAt(WORD, soql, i);
      const pair = soql.slice(i, i + 2);
      const text = word ?? (TWO_CHAR_SYMBOLS.has(pair) ? pair : char);
      tokens.push({ text, start: i, kind: word === undefined ? 'symbol' : 'word' });
      i += text.length;
    }
  }
  return tokens;
}

export class SourceText {
  readonly tokens: readonly SourceToken[];
  private readonly scopes: ScopeInfo[] = [{ parent: -1, start: 0 }];

  constructor(readonly soql: string) {
    const raw = lex(soql);
    const stack = [0];
    const tokens: SourceToken[] = [];
    raw.forEach((token, index) => {
      let scope = stack[stack.length - 1] ?? 0;
      if (token.text === '(') {
        const next = raw[index + 1];
        if (next?.text.toUpperCase() === 'SELECT') {
          stack.push(this.scopes.length);
          this.scopes.push({ parent: scope, start: next.start });
        } else {
          stack.push(scope);
        }
      } else if (token.text === ')' && stack.length > 1) {
        stack.pop();
        scope = stack[stack.length - 1] ?? 0;
      }
      tokens.push({ ...token, upper: token.text.toUpperCase(), scope });
    });
    this.tokens = tokens;
  }

  locator(scope = 0): ScopeLocator {
    return new ScopeLocator(this, scope, this.scopes[scope]?.start ?? 0);
  }

  /** The subqueries directly inside `scope`, in text order. */
  childScopes(scope: number): ScopeLocator[] {
    const children: ScopeLocator[] = [];
    this.scopes.forEach((info, id) => {
      if (info.parent === scope) children.push(new ScopeLocator(this, id, info.start));
    });
    return children;
  }
}

export interface FindOptions {
  /** Search only after this clause keyword of the scope (`SELECT`, `FROM`, `WHERE`, `ORDER`). */
  readonly after?: string;
  /** Search only from this offset on. */
  readonly from?: number;
}

/** Positions within one query scope; every lookup falls back to a sensible offset rather than failing. */
export class ScopeLocator {
  private readonly own: readonly SourceToken[];

  constructor(
    readonly source: SourceText,
    readonly scope: number,
    readonly start: number,
  ) {
    this.own = source.tokens.filter((token) => token.scope === scope);
  }

  get soql(): string {
    return this.source.soql;
  }

  /** The clause keyword's token (`ORDER` and `GROUP` only when followed by `BY`). */
  keyword(word: string): SourceToken | undefined {
    return this.own.find((token, index) => {
      if (token.kind !== 'word' || token.upper !== word) return false;
      return (word !== 'ORDER' && word !== 'GROUP') || this.own[index + 1]?.upper === 'BY';
    });
  }

  keywordOffset(word: string): number {
    return this.keyword(word)?.start ?? this.start;
  }

  /** The first token equal to `text` (case-insensitive), or undefined. */
  token(text: string, options: FindOptions = {}): SourceToken | undefined {
    const upper = text.toUpperCase();
    const from = Math.max(
      options.from ?? 0,
      options.after === undefined ? 0 : this.keywordOffset(options.after),
    );
    return this.own.find((token) => token.start >= from && token.upper === upper);
  }

  /** Offset of the first token equal to `text`; the clause keyword (or the scope start) when absent. */
  find(text: string, options: FindOptions = {}): number {
    const found = this.token(text, options);
    if (found !== undefined) return found.start;
    return options.after === undefined ? this.start : this.keywordOffset(options.after);
  }

  /** Offset of the n-th (0-based) `AND`/`OR` of the WHERE clause. */
  logicalOperator(ordinal: number): number {
    const where = this.keywordOffset('WHERE');
    const operators = this.own.filter((t) => t.start > where && (t.upper === 'AND' || t.upper === 'OR'));
    return operators[ordinal]?.start ?? where;
  }

  /** Offset of the token after the FROM keyword: the object (or child relationship) name. */
  fromTarget(): number {
    const from = this.keyword('FROM');
    if (from === undefined) return this.start;
    return this.own.find((token) => token.start > from.start)?.start ?? from.start;
  }

  /** The subqueries of the SELECT list, in order. */
  selectSubqueries(): ScopeLocator[] {
    const from = this.keywordOffset('FROM');
    return this.source.childScopes(this.scope).filter((child) => child.start < from);
  }

  /** The first subquery after the SELECT list (a semi-join in WHERE), if any. */
  firstFilterSubquery(): ScopeLocator | undefined {
    const from = this.keywordOffset('FROM');
    return this.source.childScopes(this.scope).find((child) => child.start > from);
  }
}
