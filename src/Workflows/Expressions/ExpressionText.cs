using System.Text;

namespace Mediation.Workflows.Expressions;

/// <summary>Splits text into literal parts and <c>${...}</c> (or JUEL's <c>#{...}</c>) parts, respecting nested braces and quotes.</summary>
public static class ExpressionText
{
    public readonly record struct Part(string Text, bool IsExpression);

    public static IReadOnlyList<Part> Split(string text)
    {
        var parts = new List<Part>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if ((text[i] == '$' || text[i] == '#') && i + 1 < text.Length && text[i + 1] == '{')
            {
                var end = FindClose(text, i + 2);
                if (end < 0) throw new ExpressionException(text, "an expression opened with '${' is never closed with '}'");
                if (literal.Length > 0) { parts.Add(new(literal.ToString(), false)); literal.Clear(); }
                var inner = text[(i + 2)..end].Trim();
                if (inner.Length == 0) throw new ExpressionException(text, "the expression is empty");
                parts.Add(new(inner, true));
                i = end + 1;
                continue;
            }
            literal.Append(text[i++]);
        }
        if (literal.Length > 0 || parts.Count == 0) parts.Add(new(literal.ToString(), false));
        return parts;
    }

    private static int FindClose(string text, int from)
    {
        var depth = 0;
        char? quote = null;
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == '\\') i++;
                else if (c == quote) quote = null;
                continue;
            }
            switch (c)
            {
                case '\'' or '"' or '`': quote = c; break;
                case '{': depth++; break;
                case '}' when depth == 0: return i;
                case '}': depth--; break;
            }
        }
        return -1;
    }
}
