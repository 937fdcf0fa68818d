using System.Text.Json.Nodes;
using Mediation.Workflows.Expressions;

namespace Mediation.Workflows.Tests.Expressions;

/// <summary><see cref="JintExpressionEvaluator.RunScript"/>: a script task's JavaScript, with process variables as globals.</summary>
public sealed class ScriptTaskTests
{
    private readonly JintExpressionEvaluator evaluator = new();

    [Fact]
    public void RunScript_ReportsNewVariable_WhenScriptAssignsAnUndeclaredGlobal()
    {
        var result = evaluator.RunScript("sum = a + b", "javascript", new JsonObject { ["a"] = 1, ["b"] = 2 });

        Assert.Equal(3d, (double?)result.SetVariables["sum"]);
        Assert.Single(result.SetVariables);
    }

    [Fact]
    public void RunScript_ReportsVariable_WhenScriptDeclaresTopLevelVar()
    {
        var result = evaluator.RunScript("var fee = amount * 0.1;", "js", new JsonObject { ["amount"] = 300 });

        Assert.Equal(30d, (double?)result.SetVariables["fee"]);
    }

    [Fact]
    public void RunScript_ReportsChangedVariable_WhenScriptOverwritesOne()
    {
        var result = evaluator.RunScript("count = count + 1; unchanged = unchanged;", "javascript",
            new JsonObject { ["count"] = 1, ["unchanged"] = "same" });

        Assert.Equal(2d, (double?)result.SetVariables["count"]);
        Assert.False(result.SetVariables.ContainsKey("unchanged"));
    }

    [Fact]
    public void RunScript_ReportsObject_WhenScriptChangesItInPlace()
    {
        var variables = new JsonObject { ["party"] = new JsonObject { ["name"] = "Li" } };

        var result = evaluator.RunScript("party.name = 'Wang';", "javascript", variables);

        Assert.Equal("Wang", (string?)result.SetVariables["party"]!["name"]);
        Assert.Equal("Li", (string?)variables["party"]!["name"]);
    }

    [Fact]
    public void RunScript_ReportsObject_WhenScriptChangesWhatGetVariableReturned()
    {
        var variables = new JsonObject { ["party"] = new JsonObject { ["name"] = "Li" }, ["other"] = 1 };

        var result = evaluator.RunScript("execution.getVariable('party').name = 'Wang'; execution.getVariable('other');", "javascript", variables);

        Assert.Equal(["party"], result.SetVariables.Keys);
        Assert.Equal("Wang", (string?)result.SetVariables["party"]!["name"]);
    }

    [Fact]
    public void RunScript_ReportsOnlyTheNewGlobal_WhenScriptOnlyReadsVariables()
    {
        var variables = new JsonObject { ["party"] = new JsonObject { ["name"] = "Li" }, ["amount"] = 5, ["unused"] = "x" };

        var result = evaluator.RunScript("var local = party.name + amount; local = null;", "javascript", variables);

        Assert.Equal(["local"], result.SetVariables.Keys);
    }

    [Fact]
    public void RunScript_SeesEveryVariable_WhenScriptReadsGlobalsByComputedName()
    {
        var result = evaluator.RunScript("found = this['amo' + 'unt'] + globalThis['oth' + 'er']", "javascript",
            new JsonObject { ["amount"] = 5, ["other"] = 1 });

        Assert.Equal(6d, (double?)result.SetVariables["found"]);
    }

    [Fact]
    public void RunScript_KeepsLocals_WhenScriptUsesLetConstFunctionsAndInnerVars()
    {
        var result = evaluator.RunScript(
            "let a = 1; const b = 2; function twice(n) { var inner = n * 2; return inner; } total = twice(a + b);",
            "javascript", []);

        Assert.Equal(["total"], result.SetVariables.Keys);
        Assert.Equal(6d, (double?)result.SetVariables["total"]);
    }

    [Fact]
    public void RunScript_ReportsSetVariable_WhenScriptCallsExecution()
    {
        var result = evaluator.RunScript(
            "execution.setVariable('approved', amount < 1000); execution.setVariable('level', 'low'); level = level + '!'",
            "javascript", new JsonObject { ["amount"] = 500 });

        Assert.Equal(true, (bool?)result.SetVariables["approved"]);
        // The global and the variable are one: the later assignment wins.
        Assert.Equal("low!", (string?)result.SetVariables["level"]);
    }

    [Fact]
    public void RunScript_ReadsAssignedGlobal_WhenGetVariableFollowsAssignment()
    {
        var result = evaluator.RunScript("sum = 5; check = execution.getVariable('sum') + (execution.getVariable('missing') === null ? 1 : 0)", "javascript", []);

        Assert.Equal(6d, (double?)result.SetVariables["check"]);
    }

    [Fact]
    public void RunScript_ReturnsCompletionValue_WhenLastStatementIsAnExpression()
    {
        var result = evaluator.RunScript("var x = 2; x * 21", "javascript", []);

        Assert.Equal(42d, (double?)result.Value);
    }

    [Fact]
    public void RunScript_ReportsNoBuiltIns_WhenScriptUsesLibraryAndJavaScriptGlobals()
    {
        var result = evaluator.RunScript("Math.max(1, 2); JSON.stringify({}); days(3); now();", "javascript", []);

        Assert.Empty(result.SetVariables);
    }

    [Theory]
    [InlineData("javascript")]
    [InlineData("JavaScript")]
    [InlineData("js")]
    [InlineData("JS")]
    [InlineData("ecmascript")]
    [InlineData("ECMAScript")]
    public void RunScript_Runs_WhenScriptFormatIsJavaScriptInAnyCase(string format)
    {
        Assert.Equal(1d, (double?)evaluator.RunScript("done = 1", format, []).SetVariables["done"]);
    }

    [Theory]
    [InlineData("groovy")]
    [InlineData("python")]
    [InlineData("juel")]
    public void RunScript_Throws_WhenScriptFormatIsNotJavaScript(string format)
    {
        var error = Assert.Throws<ExpressionException>(() => evaluator.RunScript("x = 1", format, []));

        Assert.Contains($"scriptFormat {format} is not supported", error.Message);
    }

    [Fact]
    public void RunScript_Throws_WhenScriptFormatIsMissing()
    {
        Assert.Throws<ExpressionException>(() => evaluator.RunScript("x = 1", null, []));
    }

    [Theory]
    [InlineData("while (true) {}")]
    [InlineData("for (;;) { var a = 1; }")]
    public void RunScript_StopsRunawayLoop_WhenScriptNeverEnds(string script)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();

        Assert.Throws<ExpressionException>(() => evaluator.RunScript(script, "javascript", []));

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(1), $"The loop ran for {started.Elapsed}.");
    }

    [Theory]
    [InlineData("throw new Error('no')")]
    [InlineData("missing + 1")]
    [InlineData("x = (")]
    [InlineData("importNamespace('System.IO')")]
    public void RunScript_ThrowsExpressionException_WhenScriptFails(string script)
    {
        Assert.Throws<ExpressionException>(() => evaluator.RunScript(script, "javascript", []));
    }

    [Fact]
    public void CheckScript_ReportsProblem_WhenFormatOrSyntaxIsWrong()
    {
        Assert.Null(evaluator.CheckScript("var a = 1; b = a;", "javascript"));
        Assert.NotNull(evaluator.CheckScript("var a = ;", "javascript"));
        Assert.NotNull(evaluator.CheckScript("a = 1", "groovy"));
    }
}
