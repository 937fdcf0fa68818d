using System.Collections.Concurrent;
using Acornima;
using Jint;

namespace Mediation.Workflows.Expressions;

/// <summary>
/// Parses each distinct expression and script once: Jint's prepared scripts are immutable and thread-safe, so every
/// evaluation on any thread reuses them and only builds a fresh engine. The cache is bounded: past
/// <c>capacity</c> entries it starts over, which only costs re-parsing (deployed definitions hold far fewer texts).
/// Parse errors are cached too, as the message.
/// </summary>
internal sealed class PreparedCodeCache(int capacity = 4096)
{
    private readonly ConcurrentDictionary<string, Entry> expressions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry> scripts = new(StringComparer.Ordinal);

    private sealed record Entry(PreparedCode? Code, string? Error);

    /// <summary>The inner text of one <c>${...}</c>, JUEL operator words translated, checked to be a single expression.</summary>
    public PreparedCode Expression(string text) => Get(expressions, text, PrepareExpression);

    public string? ExpressionError(string text) => GetEntry(expressions, text, PrepareExpression).Error;

    public PreparedCode Script(string text) => Get(scripts, text, PrepareScript);

    public string? ScriptError(string text) => GetEntry(scripts, text, PrepareScript).Error;

    private PreparedCode Get(ConcurrentDictionary<string, Entry> entries, string text, Func<string, Entry> prepare)
    {
        var entry = GetEntry(entries, text, prepare);
        return entry.Code ?? throw new ExpressionException(text, entry.Error!);
    }

    private Entry GetEntry(ConcurrentDictionary<string, Entry> entries, string text, Func<string, Entry> prepare)
    {
        if (entries.TryGetValue(text, out var entry)) return entry;
        if (entries.Count >= capacity) entries.Clear();
        return entries.GetOrAdd(text, prepare);
    }

    private static Entry PrepareExpression(string text)
    {
        var translation = JuelOperators.Translate(text);
        try
        {
            // Parsed alone first so that "a) || (b" or "a); while (true) {}; (b" is refused rather than wrapped into a script.
            new Parser().ParseExpression(translation.Code);
            var prepared = Engine.PrepareScript($"(\n{translation.Code}\n)", options: new ScriptPreparationOptions { CollectReferencedGlobals = true });
            var globals = prepared.ReferencedGlobals!;
            var readsAny = translation.UsesThis || globals.HasDirectEvalCall || globals.Contains("globalThis");
            return new(new PreparedCode(prepared, globals.ToArray(), readsAny), null);
        }
        catch (Exception e) when (e is ParseErrorException or ScriptPreparationException)
        {
            return new(null, e.InnerException?.Message ?? e.Message);
        }
    }

    private static Entry PrepareScript(string text)
    {
        try
        {
            var prepared = Engine.PrepareScript(text, options: new ScriptPreparationOptions { CollectReferencedGlobals = true });
            var globals = prepared.ReferencedGlobals!;
            // "this" is looked for as plain text: a false hit (a string, a comment) only costs installing every variable.
            var readsAny = globals.HasDirectEvalCall || globals.Contains("globalThis") || text.Contains("this", StringComparison.Ordinal);
            return new(new PreparedCode(prepared, globals.ToArray(), readsAny), null);
        }
        catch (Exception e) when (e is ParseErrorException or ScriptPreparationException)
        {
            return new(null, e.InnerException?.Message ?? e.Message);
        }
    }
}
