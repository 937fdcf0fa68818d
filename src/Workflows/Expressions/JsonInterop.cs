using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Object;

namespace Mediation.Workflows.Expressions;

/// <summary>
/// Copies JSON into an engine as plain JavaScript values and back. Never hands a .NET object to script: Jint makes
/// any passed-in CLR object live (STACK-NOTES: <c>list.Clear()</c> worked), so only primitives, plain objects and arrays go in.
/// </summary>
internal static class JsonInterop
{
    public static JsValue ToJs(Engine engine, JsonNode? node)
    {
        switch (node)
        {
            case null:
                return JsValue.Null;
            case JsonObject json:
                var obj = new JsObject(engine);
                foreach (var (name, value) in json) obj.CreateDataProperty(name, ToJs(engine, value));
                return obj;
            case JsonArray json:
                var items = new JsValue[json.Count];
                for (var i = 0; i < items.Length; i++) items[i] = ToJs(engine, json[i]);
                return new JsArray(engine, items);
            default:
                var primitive = node.AsValue();
                return primitive.GetValueKind() switch
                {
                    JsonValueKind.String => new JsString(primitive.TryGetValue<string>(out var s) ? s : JsonSerializer.Deserialize<string>(primitive.ToJsonString())!),
                    JsonValueKind.Number => JsNumber.Create(primitive.TryGetValue<double>(out var d) ? d : double.Parse(primitive.ToJsonString(), CultureInfo.InvariantCulture)),
                    JsonValueKind.True => JsBoolean.True,
                    JsonValueKind.False => JsBoolean.False,
                    _ => JsValue.Null,
                };
        }
    }

    /// <summary>The JSON form of a value, as JSON.stringify gives it; null for undefined. False when it is a number JSON cannot hold (NaN, Infinity).</summary>
    public static bool TryToJson(Engine engine, JsValue value, out JsonNode? json)
    {
        json = null;
        if (value.IsUndefined() || value.IsNull()) return true;
        if (value.IsBoolean()) { json = JsonValue.Create(value.AsBoolean()); return true; }
        if (value.IsString()) { json = JsonValue.Create(value.AsString()); return true; }
        if (value.IsNumber())
        {
            var number = value.AsNumber();
            if (!double.IsFinite(number)) return false;
            json = JsonValue.Create(number);
            return true;
        }
        var text = new Jint.Native.Json.JsonSerializer(engine).Serialize(value);
        json = text.IsUndefined() ? null : JsonNode.Parse(text.AsString());
        return true;
    }

    public static bool IsFunction(JsValue value) => value.IsCallable();
}
