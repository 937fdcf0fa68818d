using System.Text;

namespace Mediation.Workflows.Expressions;

/// <summary>
/// Rewrites JUEL's operator words into JavaScript so that Camunda 7 expressions run unchanged: <c>and or not eq ne lt
/// gt le ge div mod</c> become <c>&amp;&amp; || ! == != &lt; &gt; &lt;= &gt;= / %</c>, and <c>empty x</c> becomes a call of
/// <see cref="EmptyFunction"/>. Works on tokens, so string literals, regex literals and comments are never touched, and a
/// word is rewritten only in operator position: never after a dot (<c>x.empty</c>, <c>order.and</c>), never as an
/// operand (<c>${mod &gt; 2}</c> reads a variable named mod, as does <c>${not}</c>), never as part of a longer identifier
/// (<c>android</c>, <c>notes</c>). JUEL reserves these words, so a Camunda file never uses them as names.
/// </summary>
internal static class JuelOperators
{
    public const string EmptyFunction = "__juel_empty";

    public sealed record Translation(string Code, bool UsesThis);

    private enum Kind { Word, Number, Text, Regex, Punct }

    private readonly record struct Token(Kind Kind, int Start, int Length);

    public static Translation Translate(string code)
    {
        var tokens = Tokenize(code);
        var replacement = new string?[tokens.Count];
        var closeAfter = new int[tokens.Count];
        var usesThis = false;
        for (var k = 0; k < tokens.Count; k++)
        {
            var token = tokens[k];
            if (token.Kind != Kind.Word) continue;
            var word = code.AsSpan(token.Start, token.Length);
            if (word is "this") usesThis = true;
            var binary = BinaryOperator(word);
            var unary = word is "not" or "empty";
            if (binary is null && !unary) continue;

            var previous = k > 0 ? tokens[k - 1] : (Token?)null;
            if (previous is { Kind: Kind.Punct } p && code[p.Start] == '.') continue;
            if (k + 1 >= tokens.Count || !StartsOperand(code, tokens[k + 1])) continue;
            var afterOperand = previous is { } prev && replacement[k - 1] is null && EndsOperand(code, prev);
            if (binary is not null && afterOperand) replacement[k] = binary;
            else if (unary && !afterOperand)
            {
                replacement[k] = word is "not" ? "!" : EmptyFunction + "(";
                if (word is "empty") closeAfter[OperandEnd(code, tokens, k + 1)]++;
            }
        }
        return new(Emit(code, tokens, replacement, closeAfter), usesThis);
    }

    private static string? BinaryOperator(ReadOnlySpan<char> word) => word switch
    {
        "and" => "&&",
        "or" => "||",
        "eq" => "==",
        "ne" => "!=",
        "lt" => "<",
        "gt" => ">",
        "le" => "<=",
        "ge" => ">=",
        "div" => "/",
        "mod" => "%",
        _ => null,
    };

    private static string Emit(string code, List<Token> tokens, string?[] replacement, int[] closeAfter)
    {
        var result = new StringBuilder(code.Length + 16);
        var position = 0;
        for (var k = 0; k < tokens.Count; k++)
        {
            var token = tokens[k];
            result.Append(code, position, token.Start - position);
            if (replacement[k] is { } text) result.Append(text);
            else result.Append(code, token.Start, token.Length);
            result.Append(')', closeAfter[k]);
            position = token.Start + token.Length;
        }
        return result.Append(code, position, code.Length - position).ToString();
    }

    private static bool EndsOperand(string code, Token token) => token.Kind switch
    {
        Kind.Word => code.AsSpan(token.Start, token.Length) is not ("return" or "typeof" or "void" or "delete" or "in" or "of"
            or "instanceof" or "new" or "case" or "throw" or "yield" or "await" or "else" or "do"),
        Kind.Punct => code[token.Start] is ')' or ']' or '}',
        _ => true,
    };

    private static bool StartsOperand(string code, Token token) => token.Kind switch
    {
        Kind.Word => code.AsSpan(token.Start, token.Length) is not ("in" or "instanceof" or "of"),
        Kind.Punct => code[token.Start] is '(' or '[' or '{' or '!' or '-' or '+' or '~',
        _ => true,
    };

    /// <summary>The last token of the unary expression that starts at token <paramref name="k"/>: JUEL's <c>empty</c> binds as tightly as <c>!</c>.</summary>
    private static int OperandEnd(string code, List<Token> tokens, int k)
    {
        while (k < tokens.Count - 1 && IsPrefix(code, tokens[k])) k++;
        if (IsPunct(code, tokens[k], '(', '[', '{')) k = MatchingClose(code, tokens, k);
        while (k + 1 < tokens.Count)
        {
            var next = tokens[k + 1];
            if (IsPunct(code, next, '.') && k + 2 < tokens.Count && tokens[k + 2].Kind == Kind.Word) k += 2;
            else if (IsPunct(code, next, '?') && k + 2 < tokens.Count && IsPunct(code, tokens[k + 2], '.')
                && tokens[k + 2].Start == next.Start + 1 && k + 3 < tokens.Count)
            {
                k += 3;
                if (IsPunct(code, tokens[k], '(', '[')) k = MatchingClose(code, tokens, k);
            }
            else if (IsPunct(code, next, '(', '[')) k = MatchingClose(code, tokens, k + 1);
            else if (next.Kind == Kind.Text && code[next.Start] == '`') k++;
            else break;
        }
        return k;
    }

    private static bool IsPrefix(string code, Token token) =>
        IsPunct(code, token, '!', '-', '+', '~')
        || token.Kind == Kind.Word && code.AsSpan(token.Start, token.Length) is "not" or "empty" or "typeof" or "void";

    private static bool IsPunct(string code, Token token, params ReadOnlySpan<char> chars) =>
        token.Kind == Kind.Punct && chars.Contains(code[token.Start]);

    private static int MatchingClose(string code, List<Token> tokens, int open)
    {
        var depth = 0;
        for (var k = open; k < tokens.Count; k++)
        {
            if (IsPunct(code, tokens[k], '(', '[', '{')) depth++;
            else if (IsPunct(code, tokens[k], ')', ']', '}') && --depth == 0) return k;
        }
        return tokens.Count - 1;
    }

    /// <summary>The significant tokens (no whitespace, no comments) of JavaScript-with-JUEL code; punctuation is one character per token.</summary>
    private static List<Token> Tokenize(string code)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < code.Length)
        {
            var c = code[i];
            var next = i + 1 < code.Length ? code[i + 1] : '\0';
            var start = i;
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '/' && next == '/') { while (i < code.Length && code[i] != '\n') i++; continue; }
            if (c == '/' && next == '*')
            {
                var end = code.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? code.Length : end + 2;
                continue;
            }
            Kind kind;
            if (c is '\'' or '"' or '`') { i = SkipQuoted(code, i, c); kind = Kind.Text; }
            else if (IsIdentifierPart(c) && !char.IsAsciiDigit(c))
            {
                while (i < code.Length && IsIdentifierPart(code[i])) i++;
                kind = Kind.Word;
            }
            else if (char.IsAsciiDigit(c) || c == '.' && char.IsAsciiDigit(next))
            {
                i++;
                while (i < code.Length && (IsIdentifierPart(code[i]) || code[i] == '.'
                    || code[i] is '+' or '-' && code[i - 1] is 'e' or 'E' && !code.AsSpan(start, i - start).StartsWith("0x", StringComparison.OrdinalIgnoreCase))) i++;
                kind = Kind.Number;
            }
            else if (c == '/' && (tokens.Count == 0 || !EndsOperand(code, tokens[^1])) && SkipRegex(code, i) is > 0 and var end)
            {
                i = end;
                kind = Kind.Regex;
            }
            else { i++; kind = Kind.Punct; }
            tokens.Add(new(kind, start, i - start));
        }
        return tokens;
    }

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';

    private static int SkipQuoted(string code, int i, char quote)
    {
        for (i++; i < code.Length; i++)
        {
            if (code[i] == '\\') i++;
            else if (code[i] == quote) return i + 1;
        }
        return code.Length;
    }

    /// <summary>The end of a regex literal starting at <paramref name="i"/>, or -1 when the line holds no closing slash (then it was a division).</summary>
    private static int SkipRegex(string code, int i)
    {
        var inClass = false;
        for (i++; i < code.Length && code[i] != '\n'; i++)
        {
            switch (code[i])
            {
                case '\\': i++; break;
                case '[': inClass = true; break;
                case ']': inClass = false; break;
                case '/' when !inClass:
                    for (i++; i < code.Length && IsIdentifierPart(code[i]); i++) { }
                    return i;
            }
        }
        return -1;
    }
}
