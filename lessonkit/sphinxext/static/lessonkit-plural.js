/* lessonkit: Sphinx's interface translations without `eval`. Sphinx's doctools.js compiles the
 * plural rule of translations.js with `new Function`, which the pages' Content-Security-Policy
 * refuses (no 'unsafe-eval'): this file, loaded between the two, reads the rule with a small
 * parser instead. A plural rule is a C expression of `n`: numbers, `n`, ( ), ! % * / + - < <= > >=
 * == != && || and ? : (the GNU gettext grammar). */
"use strict";
(() => {
  const TOKEN = /\s*(\d+|n|&&|\|\||[=!<>]=|[-+*\/%<>!?:()])/y;

  const tokenize = (text) => {
    const tokens = [];
    TOKEN.lastIndex = 0;
    while (TOKEN.lastIndex < text.trimEnd().length) {
      const start = TOKEN.lastIndex;
      const found = TOKEN.exec(text);
      if (!found) throw new SyntaxError(`plural rule: unexpected ${text.slice(start)}`);
      tokens.push(found[1]);
    }
    return tokens;
  };

  // Binary operators by precedence, loosest first, as in C.
  const LEVELS = [["||"], ["&&"], ["==", "!="], ["<", "<=", ">", ">="], ["+", "-"], ["*", "/", "%"]];
  const APPLY = {
    "||": (a, b) => a || b, "&&": (a, b) => a && b, "==": (a, b) => a === b, "!=": (a, b) => a !== b,
    "<": (a, b) => a < b, "<=": (a, b) => a <= b, ">": (a, b) => a > b, ">=": (a, b) => a >= b,
    "+": (a, b) => a + b, "-": (a, b) => a - b, "*": (a, b) => a * b,
    "/": (a, b) => Math.trunc(a / b), "%": (a, b) => a % b,
  };

  // The rule as a function of n (booleans count as 0 or 1, as in C).
  const compile = (text) => {
    const tokens = tokenize(text);
    let at = 0;
    const expect = (token) => {
      if (tokens[at] !== token) throw new SyntaxError(`plural rule: expected ${token} in ${text}`);
      at += 1;
    };
    const primary = () => {
      const token = tokens[at++];
      if (token === "n") return (n) => n;
      if (token === "!") { const operand = primary(); return (n) => Number(!operand(n)); }
      if (token === "-") { const operand = primary(); return (n) => -operand(n); }
      if (token === "(") { const inner = conditional(); expect(")"); return inner; }
      if (/^\d+$/.test(token || "")) { const value = Number(token); return () => value; }
      throw new SyntaxError(`plural rule: unexpected ${token} in ${text}`);
    };
    const binary = (level) => {
      if (level === LEVELS.length) return primary();
      let left = binary(level + 1);
      while (LEVELS[level].includes(tokens[at])) {
        const apply = APPLY[tokens[at++]];
        const [a, b] = [left, binary(level + 1)];
        left = (n) => Number(apply(a(n), b(n)));
      }
      return left;
    };
    const conditional = () => {
      const test = binary(0);
      if (tokens[at] !== "?") return test;
      at += 1;
      const yes = conditional();
      expect(":");
      const no = conditional();
      return (n) => (test(n) ? yes(n) : no(n));
    };
    const rule = conditional();
    if (at !== tokens.length) throw new SyntaxError(`plural rule: unexpected ${tokens[at]} in ${text}`);
    return rule;
  };

  if (typeof Documentation !== "object") return;
  Documentation.addTranslations = (catalog) => {
    Object.assign(Documentation.TRANSLATIONS, catalog.messages);
    Documentation.PLURAL_EXPR = compile(String(catalog.plural_expr));
    Documentation.LOCALE = catalog.locale;
  };
})();
