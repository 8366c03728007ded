// A SOQL parser for the queries a connector sends: SELECT fields FROM object [WHERE ...] [ORDER BY ...] [LIMIT n] [OFFSET n].
export type Literal =
  | { kind: "string"; value: string }
  | { kind: "number"; value: number }
  | { kind: "boolean"; value: boolean }
  | { kind: "null" }
  | { kind: "datetime"; value: number }
  | { kind: "date"; value: string }
  | { kind: "dateLiteral"; name: string; n: number };

export type Condition =
  | { kind: "and" | "or"; left: Condition; right: Condition }
  | { kind: "not"; inner: Condition }
  | { kind: "compare"; field: string; op: string; value: Literal; position: number }
  | { kind: "in"; field: string; negated: boolean; values: Literal[]; position: number }
  | { kind: "like"; field: string; pattern: string; position: number };

interface SelectField {
  name: string;
  position: number;
}

export interface SoqlQuery {
  count: boolean;
  fields: SelectField[];
  object: string;
  objectPosition: number;
  where?: Condition;
  orderBy: { field: string; descending: boolean; nullsLast: boolean; position: number }[];
  limit?: number;
  offset?: number;
}

export class SoqlError extends Error {
  readonly errorCode: string;
  constructor(errorCode: string, message: string) {
    super(message);
    this.errorCode = errorCode;
  }
}

interface Token {
  type: "word" | "string" | "number" | "datetime" | "date" | "punct" | "op" | "end";
  text: string;
  position: number;
}

const TOKEN =
  /\s*(?:('(?:[^'\\]|\\.)*')|(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2}))|(\d{4}-\d{2}-\d{2})(?![\d:])|(-?\d+(?:\.\d+)?)(?![\w-])|([A-Za-z_][\w.]*(?::\d+)?)|(<=|>=|!=|<>|=|<|>)|([(),]))/y;

function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let index = 0;
  while (index < soql.length) {
    if (/^\s*$/.test(soql.slice(index))) break;
    TOKEN.lastIndex = index;
    const m = TOKEN.exec(soql);
    if (!m) {
      const position = index + (soql.slice(index).length - soql.slice(index).trimStart().length);
      throw malformed(soql, position, `unexpected token: '${soql.slice(position).split(/\s/)[0]}'`);
    }
    const position = m.index + m[0].length - m[0].trimStart().length;
    const [, str, datetime, date, num, word, op, punct] = m;
    if (str !== undefined) tokens.push({ type: "string", text: str.slice(1, -1).replace(/\\(.)/g, "$1"), position });
    else if (datetime !== undefined) tokens.push({ type: "datetime", text: datetime, position });
    else if (date !== undefined) tokens.push({ type: "date", text: date, position });
    else if (num !== undefined) tokens.push({ type: "number", text: num, position });
    else if (word !== undefined) tokens.push({ type: "word", text: word, position });
    else if (op !== undefined) tokens.push({ type: "op", text: op, position });
    else tokens.push({ type: "punct", text: punct ?? "", position });
    index = TOKEN.lastIndex;
  }
  tokens.push({ type: "end", text: "", position: soql.length });
  return tokens;
}

/** Salesforce's error message: the query, a caret under the column, and the complaint. */
export function located(soql: string, position: number, message: string): string {
  return `\n${soql}\n${" ".repeat(position)}^\nERROR at Row:1:Column:${position + 1}\n${message}`;
}
const malformed = (soql: string, position: number, message: string) =>
  new SoqlError("MALFORMED_QUERY", located(soql, position, message));

const DATE_LITERALS = ["TODAY", "YESTERDAY", "TOMORROW", "LAST_N_DAYS", "NEXT_N_DAYS"];

export function parseSoql(soql: string): SoqlQuery {
  const tokens = tokenize(soql);
  let i = 0;
  const peek = () => tokens[i] as Token;
  const next = () => tokens[i++] as Token;
  const isWord = (word: string) => peek().type === "word" && peek().text.toUpperCase() === word;
  const expectWord = (word: string) => {
    const t = next();
    if (t.type !== "word" || t.text.toUpperCase() !== word) {
      throw malformed(
        soql,
        t.position,
        t.type === "end" ? `unexpected end of query, expecting ${word}` : `unexpected token: '${t.text}'`,
      );
    }
  };
  const expectPunct = (p: string) => {
    const t = next();
    if (t.text !== p)
      throw malformed(soql, t.position, t.type === "end" ? "unexpected end of query" : `unexpected token: '${t.text}'`);
  };
  const field = (): { name: string; position: number } => {
    const t = next();
    if (t.type !== "word")
      throw malformed(soql, t.position, t.type === "end" ? "unexpected end of query" : `unexpected token: '${t.text}'`);
    return { name: t.text, position: t.position };
  };

  expectWord("SELECT");
  const query: SoqlQuery = { count: false, fields: [], object: "", objectPosition: 0, orderBy: [] };
  if (isWord("COUNT") && tokens[i + 1]?.text === "(") {
    i += 2;
    expectPunct(")");
    query.count = true;
  } else {
    query.fields.push(field());
    while (peek().text === ",") {
      next();
      query.fields.push(field());
    }
  }
  expectWord("FROM");
  const object = field();
  query.object = object.name;
  query.objectPosition = object.position;

  const literal = (): Literal => {
    const t = next();
    if (t.type === "string") return { kind: "string", value: t.text };
    if (t.type === "number") return { kind: "number", value: Number(t.text) };
    if (t.type === "date") return { kind: "date", value: t.text };
    if (t.type === "datetime") return { kind: "datetime", value: Date.parse(t.text) };
    if (t.type === "word") {
      const upper = t.text.toUpperCase();
      if (upper === "TRUE" || upper === "FALSE") return { kind: "boolean", value: upper === "TRUE" };
      if (upper === "NULL") return { kind: "null" };
      const [name = "", n = "0"] = upper.split(":");
      if (DATE_LITERALS.includes(name)) return { kind: "dateLiteral", name, n: Number(n) };
    }
    throw malformed(soql, t.position, t.type === "end" ? "unexpected end of query" : `unexpected token: '${t.text}'`);
  };
  const primary = (): Condition => {
    if (peek().text === "(") {
      next();
      const inner = orExpr();
      expectPunct(")");
      return inner;
    }
    if (isWord("NOT")) {
      next();
      return { kind: "not", inner: primary() };
    }
    const f = field();
    if (isWord("LIKE")) {
      next();
      const pattern = literal();
      if (pattern.kind !== "string") throw malformed(soql, f.position, "LIKE needs a string pattern");
      return { kind: "like", field: f.name, pattern: pattern.value, position: f.position };
    }
    let negated = false;
    if (isWord("NOT") && tokens[i + 1]?.text.toUpperCase() === "IN") {
      next();
      negated = true;
    }
    if (isWord("IN")) {
      next();
      expectPunct("(");
      const values = [literal()];
      while (peek().text === ",") {
        next();
        values.push(literal());
      }
      expectPunct(")");
      return { kind: "in", field: f.name, negated, values, position: f.position };
    }
    const op = next();
    if (op.type !== "op")
      throw malformed(
        soql,
        op.position,
        op.type === "end" ? "unexpected end of query" : `unexpected token: '${op.text}'`,
      );
    return {
      kind: "compare",
      field: f.name,
      op: op.text === "<>" ? "!=" : op.text,
      value: literal(),
      position: f.position,
    };
  };
  const andExpr = (): Condition => {
    let left = primary();
    while (isWord("AND")) {
      next();
      left = { kind: "and", left, right: primary() };
    }
    return left;
  };
  const orExpr = (): Condition => {
    let left = andExpr();
    while (isWord("OR")) {
      next();
      left = { kind: "or", left, right: andExpr() };
    }
    return left;
  };

  if (isWord("WHERE")) {
    next();
    query.where = orExpr();
  }
  if (isWord("ORDER")) {
    next();
    expectWord("BY");
    do {
      if (peek().text === ",") next();
      const f = field();
      let descending = false;
      if (isWord("ASC") || isWord("DESC")) descending = next().text.toUpperCase() === "DESC";
      let nullsLast = descending;
      if (isWord("NULLS")) {
        next();
        nullsLast = next().text.toUpperCase() === "LAST";
      }
      query.orderBy.push({ field: f.name, descending, nullsLast, position: f.position });
    } while (peek().text === ",");
  }
  for (const clause of ["LIMIT", "OFFSET"] as const) {
    if (!isWord(clause)) continue;
    next();
    const t = next();
    if (t.type !== "number") throw malformed(soql, t.position, `unexpected token: '${t.text}'`);
    if (clause === "LIMIT") query.limit = Number(t.text);
    else query.offset = Number(t.text);
  }
  const rest = peek();
  if (rest.type !== "end") throw malformed(soql, rest.position, `unexpected token: '${rest.text}'`);
  return query;
}
