using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mediation.Workflows.Scenarios;

/// <summary>A scenario file (ARCHITECTURE §7): one instance of one process driven step by step on a virtual clock.</summary>
public sealed record ScenarioFile(
    string Path,
    string Name,
    string Definition,
    string? Process,
    DateTimeOffset Clock,
    IReadOnlyDictionary<string, JsonObject> Services,
    string? BusinessKey,
    JsonObject StartVariables,
    IReadOnlyList<JsonObject> Steps)
{
    public static readonly DateTimeOffset DefaultClock = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Reads a scenario; a malformed one throws <see cref="ScenarioFormatException"/> naming the line and key.</summary>
    public static ScenarioFile Load(string path)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new ScenarioFormatException($"{path}:{e.Start.Line}: not valid YAML: {e.Message}");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ScenarioFormatException($"{path}: a scenario is a YAML mapping (name, definition, start, steps)");
        }
        var json = ToJson(root) as JsonObject ?? [];
        string Required(string key) => json[key]?.GetValue<object>()?.ToString()
            ?? throw new ScenarioFormatException($"{path}: the key '{key}' is required");
        var clock = json["clock"] is { } c
            ? DateTimeOffset.Parse(c.ToString(), CultureInfo.InvariantCulture)
            : DefaultClock;
        var services = (json["services"] as JsonObject ?? [])
            .ToDictionary(p => p.Key, p => p.Value as JsonObject ?? []);
        var start = json["start"] as JsonObject ?? [];
        var steps = (json["steps"] as JsonArray ?? [])
            .Select((s, i) => s as JsonObject ?? throw new ScenarioFormatException($"{path}: step {i + 1} is not a mapping"))
            .ToList();
        return new ScenarioFile(path, Required("name"), Required("definition"), json["process"]?.ToString(), clock, services,
            start["businessKey"]?.ToString(), start["variables"] as JsonObject ?? [], steps);
    }

    /// <summary>YAML to JSON with YAML 1.2 core typing: plain true/false/null/numbers are typed, quoted text stays text.</summary>
    internal static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(p =>
            KeyValuePair.Create(((YamlScalarNode)p.Key).Value ?? "", ToJson(p.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(text);
        }
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return JsonValue.Create(true);
            case "false" or "False" or "FALSE": return JsonValue.Create(false);
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)) return JsonValue.Create(whole);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && !double.IsNaN(number))
        {
            return JsonValue.Create(number);
        }
        return JsonValue.Create(text);
    }
}

public sealed class ScenarioFormatException(string message) : Exception(message);
