using System.Globalization;
using System.Text.Json.Nodes;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace Mediation.Workflows.Expressions;

/// <summary>What every sandbox of one evaluator shares: limits, clock, calendar, time zone, function library, and the names script may not claim as variables.</summary>
internal sealed class SandboxSetup(ExpressionLimits limits, TimeProvider time, CalendarSource calendars, Deadlines deadlines)
{
    public const string Execution = "execution";

    public TimeProvider Time => time;

    public CalendarSource Calendars => calendars;

    public FunctionLibrary Library { get; } = new(deadlines);

    /// <summary>JavaScript's own globals, the library, <c>execution</c> and the JUEL helper: a new global with one of these names is not a variable.</summary>
    public IReadOnlySet<string> Reserved { get; } = new Engine().Global.GetOwnPropertyKeys(Types.String)
        .Select(key => key.ToString())
        .Concat(new FunctionLibrary(deadlines).Names)
        .Append(Execution)
        .Append(JuelOperators.EmptyFunction)
        .ToHashSet(StringComparer.Ordinal);

    public void Configure(Options options, DateTimeOffset now)
    {
        options
            .TimeoutInterval(limits.Timeout)
            .MaxStatements(limits.MaxStatements)
            .LimitMemory(limits.MaxMemoryBytes)
            .LimitRecursion(limits.MaxRecursion)
            .RegexTimeoutInterval(limits.Timeout)
            .Strict(false)
            .DisableStringCompilation();
        options.TimeSystem = new SandboxTimeSystem(deadlines.Zone, now);
    }

    /// <summary>JavaScript's <c>Date</c> and <c>Temporal.Now</c> see the evaluation's instant and zone, not the server's clock.</summary>
    private sealed class SandboxTimeSystem(TimeZoneInfo zone, DateTimeOffset now) : DefaultTimeSystem(zone, CultureInfo.InvariantCulture)
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}

/// <summary>
/// One evaluation: a fresh Jint engine (so nothing an expression does can reach the next one), the variables it reads
/// copied in as plain JavaScript values, the library functions it names, and the <c>execution</c> object that reads and
/// sets variables and reports what was set.
/// </summary>
internal sealed class Sandbox
{
    private readonly SandboxSetup setup;
    private readonly JsonObject variables;
    private readonly ExpressionContext? context;
    private readonly DateTimeOffset now;
    private readonly Engine engine;
    private readonly HashSet<string> provided = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsValue> copies = new(StringComparer.Ordinal);
    private readonly OrderedDictionary<string, JsValue> setByExecution = new(StringComparer.Ordinal);
    private CalendarReading? calendar;
    private bool providedAll;

    public Sandbox(SandboxSetup setup, JsonObject variables, ExpressionContext? context)
    {
        this.setup = setup;
        this.variables = variables;
        this.context = context;
        now = context?.Now ?? setup.Time.GetUtcNow();
        engine = new Engine(options => setup.Configure(options, now));
    }

    /// <summary>
    /// Makes the globals a prepared piece of code names available: a variable of that name, else the library function or
    /// <c>execution</c>. Only these are copied in: a variable the code never names cannot be read or changed by it
    /// (other than through <c>execution</c>, which reads the JSON directly), so copying the rest would be wasted work.
    /// </summary>
    public void Provide(PreparedCode code)
    {
        if (code.ReadsAnyGlobal) { ProvideAll(); return; }
        foreach (var name in code.Globals) Provide(name);
    }

    /// <summary>Every variable and function, for code that reads globals by computed name (<c>this[...]</c>, <c>globalThis[...]</c>).</summary>
    private void ProvideAll()
    {
        if (providedAll) return;
        providedAll = true;
        foreach (var name in setup.Library.Names) Provide(name);
        Provide(SandboxSetup.Execution);
        Provide(JuelOperators.EmptyFunction);
        foreach (var (name, _) in variables) Provide(name);
    }

    /// <summary>Years without a holiday notice that a calendar function counted through: the result is provisional when there are any.</summary>
    public IReadOnlyCollection<int> UnscheduledYears => calendar?.UnscheduledYears ?? [];

    public JsValue Evaluate(PreparedCode code)
    {
        var script = code.Script;
        return engine.Evaluate(in script);
    }

    public JsonNode? ToJson(JsValue value, string source)
    {
        if (!JsonInterop.TryToJson(engine, value, out var json)) throw new ExpressionException(source, $"the result {value} is not a finite number");
        return json;
    }

    /// <summary>The variables set through <c>execution.setVariable</c>, as set (for an expression, other assignments are local to it).</summary>
    public IReadOnlyDictionary<string, JsonNode?> SetByExecution(string source)
    {
        var result = new OrderedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, value) in setByExecution) result[name] = VariableJson(name, value, source);
        return result;
    }

    /// <summary>
    /// For a script, whose globals are the process variables: every variable set through <c>execution.setVariable</c>,
    /// and every global that is new or whose value changed (by assignment, top-level <c>var</c> or in-place change),
    /// except functions, JavaScript's built-ins and library names; and a variable changed in place through the object
    /// <c>execution.getVariable</c> returned. Top-level <c>let</c>/<c>const</c> stay script-local.
    /// </summary>
    public IReadOnlyDictionary<string, JsonNode?> ScriptChanges(string source)
    {
        var result = new OrderedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        var names = engine.Global.GetOwnPropertyKeys(Types.String).Select(key => key.ToString()).Concat(setByExecution.Keys).Concat(copies.Keys);
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            var known = variables.TryGetPropertyValue(name, out var original);
            var set = setByExecution.ContainsKey(name);
            if (!known && !set && setup.Reserved.Contains(name)) continue;
            JsValue value;
            if (!IsInternal(name) && engine.Global.HasOwnProperty(name)) value = engine.Global.Get(name);
            else if (set) value = setByExecution[name];
            else if (copies.TryGetValue(name, out var copy)) value = copy;
            else continue;
            if (JsonInterop.IsFunction(value) || value.IsUndefined() && !known && !set) continue;
            var json = VariableJson(name, value, source);
            if (!set && known && JsonNode.DeepEquals(original, json)) continue;
            result[name] = json;
        }
        return result;
    }

    private void Provide(string name)
    {
        if (!provided.Add(name)) return;
        if (name == SandboxSetup.Execution) engine.SetValue(name, CreateExecution());
        else if (name == JuelOperators.EmptyFunction) engine.SetValue(name, new ClrFunction(engine, name, (_, args) => IsEmpty(Arg(args, 0)), 1));
        else if (variables.ContainsKey(name)) engine.SetValue(name, Variable(name));
        else if (setup.Library.Has(name)) engine.SetValue(name, setup.Library.Create(engine, name, now, calendar ??= new CalendarReading(setup.Calendars.Current)));
    }

    private JsValue Variable(string name)
    {
        if (!copies.TryGetValue(name, out var value)) copies[name] = value = JsonInterop.ToJs(engine, variables[name]);
        return value;
    }

    private JsonNode? VariableJson(string name, JsValue value, string source)
    {
        if (JsonInterop.IsFunction(value) || value is JsSymbol) throw new ExpressionException(source, $"variable '{name}' cannot hold {value}: only JSON values can be stored");
        if (!JsonInterop.TryToJson(engine, value, out var json)) throw new ExpressionException(source, $"variable '{name}' cannot hold {value}: not a finite number");
        return json;
    }

    private static bool IsInternal(string name) => name is SandboxSetup.Execution or JuelOperators.EmptyFunction;

    /// <summary>A global that stands for a process variable: one passed in or set, or any global not reserved by JavaScript or the library.</summary>
    private bool IsVariableBinding(string name) =>
        !IsInternal(name) && (variables.ContainsKey(name) || setByExecution.ContainsKey(name) || !setup.Reserved.Contains(name));

    private JsValue GetVariable(string name)
    {
        JsValue value;
        if (IsVariableBinding(name) && engine.Global.HasOwnProperty(name)) value = engine.Global.Get(name);
        else if (setByExecution.TryGetValue(name, out var set)) value = set;
        else if (variables.ContainsKey(name)) value = Variable(name);
        else return JsValue.Null;
        return value.IsUndefined() ? JsValue.Null : value;
    }

    private bool HasVariable(string name) =>
        IsVariableBinding(name) && engine.Global.HasOwnProperty(name) || setByExecution.ContainsKey(name) || variables.ContainsKey(name);

    private void SetVariable(string name, JsValue value)
    {
        setByExecution[name] = value;
        if (!IsInternal(name)) engine.Global.Set(name, value);
    }

    private JsObject CreateExecution()
    {
        var execution = new JsObject(engine);
        Method(execution, "getVariable", 1, args => GetVariable(Name(args)));
        Method(execution, "setVariable", 2, args => { SetVariable(Name(args), Arg(args, 1)); return JsValue.Undefined; });
        Method(execution, "hasVariable", 1, args => HasVariable(Name(args)) ? JsBoolean.True : JsBoolean.False);
        Method(execution, "getVariables", 0, _ =>
        {
            var all = new JsObject(engine);
            foreach (var name in VariableNames()) all.CreateDataProperty(name, GetVariable(name));
            return all;
        });
        Method(execution, "getProcessInstanceId", 0, _ => Text(context?.InstanceId));
        Method(execution, "getBusinessKey", 0, _ => Text(context?.BusinessKey));
        Method(execution, "getProcessBusinessKey", 0, _ => Text(context?.BusinessKey));
        Method(execution, "getCurrentActivityId", 0, _ => Text(context?.ActivityId));
        return execution;
    }

    private IEnumerable<string> VariableNames() =>
        variables.Select(pair => pair.Key).Concat(setByExecution.Keys).Distinct(StringComparer.Ordinal);

    private void Method(JsObject target, string name, int length, Func<JsValue[], JsValue> body) =>
        target.CreateDataProperty(name, new ClrFunction(engine, name, (_, args) => body(args), length));

    private string Name(JsValue[] args) =>
        Arg(args, 0) is { } name && name.IsString() ? name.AsString()
        : throw new JavaScriptException(engine.Intrinsics.TypeError, $"a variable name must be a string, not {Arg(args, 0)}");

    private static JsValue Text(string? value) => value is null ? JsValue.Null : new JsString(value);

    private static JsValue Arg(JsValue[] args, int index) => index < args.Length ? args[index] : JsValue.Undefined;

    /// <summary>JUEL's <c>empty</c>: true for null, undefined, '', [] and an object with no own enumerable properties.</summary>
    private static JsBoolean IsEmpty(JsValue value) => value switch
    {
        _ when value.IsNull() || value.IsUndefined() => JsBoolean.True,
        _ when value.IsString() => value.AsString().Length == 0 ? JsBoolean.True : JsBoolean.False,
        JsArray array => array.Length == 0 ? JsBoolean.True : JsBoolean.False,
        Jint.Native.Object.ObjectInstance obj when !JsonInterop.IsFunction(obj) =>
            obj.GetOwnPropertyKeys(Types.String).Any(key => obj.GetOwnProperty(key).Enumerable) ? JsBoolean.False : JsBoolean.True,
        _ => JsBoolean.False,
    };
}

/// <summary>A parsed expression or script, shared by every evaluation of the same text on any thread.</summary>
internal sealed record PreparedCode(Prepared<Script> Script, IReadOnlyCollection<string> Globals, bool ReadsAnyGlobal);
