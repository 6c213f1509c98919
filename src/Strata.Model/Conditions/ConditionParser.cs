using System.Collections.Immutable;
using Strata.Model.Quantities;

namespace Strata.Model.Conditions;

/// <summary>
/// Parses condition text. Grammar:
/// <code>
/// or      := and ("or" and)*
/// and     := unary ("and" unary)*
/// unary   := "not" unary | "(" or ")" | atom
/// atom    := IDENT [ ("=="|"!="|"&lt;"|"&lt;="|"&gt;"|"&gt;=") literal | "in" "[" literal ("," literal)* "]" | "contains" literal ]
/// </code>
/// Identifiers are checked against the profile fields and predicates by the catalogue loader, not here.
/// </summary>
public static class ConditionParser
{
    /// <summary>Deepest nesting of parentheses and <c>not</c> accepted; deeper input is refused, not recursed into.</summary>
    public const int MaxDepth = 32;
    public const int MaxLength = 4096;

    public static ParseResult<Condition> Parse(string text)
    {
        if (text.Length > MaxLength)
        {
            return ParseResult<Condition>.Fail($"a condition may be at most {MaxLength} characters long");
        }
        var tokens = Tokenize(text, out var error);
        if (error is not null)
        {
            return ParseResult<Condition>.Fail(error);
        }
        var p = new Parser(tokens);
        try
        {
            var c = p.ParseOr(0);
            if (p.Peek.Kind != TokenKind.End)
            {
                throw new ConditionSyntaxException($"unexpected '{p.Peek.Text}' at column {p.Peek.Offset + 1}");
            }
            return ParseResult<Condition>.Ok(c);
        }
        catch (ConditionSyntaxException e)
        {
            return ParseResult<Condition>.Fail(e.Message);
        }
    }

    private enum TokenKind { Word, Op, LParen, RParen, LBracket, RBracket, Comma, End }

    private readonly record struct Token(TokenKind Kind, string Text, int Offset);

    private static List<Token> Tokenize(string s, out string? error)
    {
        var list = new List<Token>();
        error = null;
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            switch (c)
            {
                case '(': list.Add(new(TokenKind.LParen, "(", i++)); continue;
                case ')': list.Add(new(TokenKind.RParen, ")", i++)); continue;
                case '[': list.Add(new(TokenKind.LBracket, "[", i++)); continue;
                case ']': list.Add(new(TokenKind.RBracket, "]", i++)); continue;
                case ',': list.Add(new(TokenKind.Comma, ",", i++)); continue;
            }
            if (c is '=' or '!' or '<' or '>')
            {
                var two = i + 1 < s.Length ? s.Substring(i, 2) : null;
                if (two is "==" or "!=" or "<=" or ">=")
                {
                    list.Add(new(TokenKind.Op, two, i));
                    i += 2;
                    continue;
                }
                if (c is '<' or '>')
                {
                    list.Add(new(TokenKind.Op, c.ToString(), i++));
                    continue;
                }
                error = $"unexpected '{c}' at column {i + 1} (comparisons are ==, !=, <, <=, >, >=)";
                return list;
            }
            var start = i;
            while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] is not ('(' or ')' or '[' or ']' or ',' or '=' or '!' or '<' or '>'))
            {
                i++;
            }
            list.Add(new(TokenKind.Word, s[start..i], start));
        }
        list.Add(new(TokenKind.End, "end of condition", s.Length));
        return list;
    }

    private sealed class ConditionSyntaxException(string message) : Exception(message);

    private sealed class Parser(List<Token> tokens)
    {
        private int _pos;

        public Token Peek => tokens[_pos];
        private Token Next() => tokens[_pos++];

        private bool AtKeyword(string k) => Peek.Kind == TokenKind.Word && Peek.Text == k;

        public Condition ParseOr(int depth)
        {
            var left = ParseAnd(depth);
            while (AtKeyword("or"))
            {
                var op = Next();
                left = new OrCondition(left, ParseAnd(depth)) { Offset = op.Offset };
            }
            return left;
        }

        private Condition ParseAnd(int depth)
        {
            var left = ParseUnary(depth);
            while (AtKeyword("and"))
            {
                var op = Next();
                left = new AndCondition(left, ParseUnary(depth)) { Offset = op.Offset };
            }
            return left;
        }

        private Condition ParseUnary(int depth)
        {
            if (depth > MaxDepth)
            {
                throw new ConditionSyntaxException($"the condition nests deeper than {MaxDepth} levels");
            }
            if (AtKeyword("not"))
            {
                var t = Next();
                return new NotCondition(ParseUnary(depth + 1)) { Offset = t.Offset };
            }
            if (Peek.Kind == TokenKind.LParen)
            {
                Next();
                var inner = ParseOr(depth + 1);
                Expect(TokenKind.RParen, "')'");
                return inner;
            }
            return ParseAtom();
        }

        private Condition ParseAtom()
        {
            var t = Next();
            if (t.Kind != TokenKind.Word || t.Text is "and" or "or" or "in" or "contains")
            {
                throw new ConditionSyntaxException($"expected a field or predicate name at column {t.Offset + 1}, found '{t.Text}'");
            }
            var id = new Identifier(t.Text, t.Offset);
            if (Peek.Kind == TokenKind.Op)
            {
                var op = Next();
                return new CompareCondition(id, op.Text switch
                {
                    "==" => CompareOperator.Equal,
                    "!=" => CompareOperator.NotEqual,
                    "<" => CompareOperator.Less,
                    "<=" => CompareOperator.LessOrEqual,
                    ">" => CompareOperator.Greater,
                    _ => CompareOperator.GreaterOrEqual,
                }, ParseLiteral()) { Offset = t.Offset };
            }
            if (AtKeyword("in"))
            {
                Next();
                Expect(TokenKind.LBracket, "'['");
                var values = ImmutableArray.CreateBuilder<Literal>();
                values.Add(ParseLiteral());
                while (Peek.Kind == TokenKind.Comma)
                {
                    Next();
                    values.Add(ParseLiteral());
                }
                Expect(TokenKind.RBracket, "']'");
                return new InCondition(id, values.ToImmutable()) { Offset = t.Offset };
            }
            if (AtKeyword("contains"))
            {
                Next();
                return new ContainsCondition(id, ParseLiteral()) { Offset = t.Offset };
            }
            return new ReferenceCondition(id) { Offset = t.Offset };
        }

        private Literal ParseLiteral()
        {
            var t = Next();
            if (t.Kind != TokenKind.Word)
            {
                throw new ConditionSyntaxException($"expected a value at column {t.Offset + 1}, found '{t.Text}'");
            }
            bool? b = t.Text switch { "true" => true, "false" => false, _ => null };
            Quantity? q = null;
            if (b is null && t.Text.Length > 0 && char.IsAsciiDigit(t.Text[0]))
            {
                var parsed = QuantityParser.ParseQuantity(t.Text);
                if (parsed.Success)
                {
                    q = parsed.Value;
                }
                else if (!LooksLikeId(t.Text))
                {
                    // Words such as "5g-mec" start with a digit too; only what is neither is an error.
                    throw new ConditionSyntaxException($"{parsed.Error} at column {t.Offset + 1}");
                }
            }
            return new Literal(t.Text, t.Offset, q, b);
        }

        // A word that starts with a digit is an id only when it is kebab-case with a hyphen ("5g-mec");
        // "10parsecs" is a quantity with a unit Strata does not know.
        private static bool LooksLikeId(string s) =>
            s.Contains('-', StringComparison.Ordinal) && s.Any(char.IsAsciiLetterLower) &&
            s.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

        private void Expect(TokenKind kind, string what)
        {
            var t = Next();
            if (t.Kind != kind)
            {
                throw new ConditionSyntaxException($"expected {what} at column {t.Offset + 1}, found '{t.Text}'");
            }
        }
    }
}
