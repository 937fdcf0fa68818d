using System.Text.Json.Nodes;
using Mediation.Workflows.Expressions;

namespace Mediation.Workflows.Tests.Expressions;

public sealed class JintExpressionEvaluatorTests
{
    private readonly JintExpressionEvaluator evaluator = new();

    [Theory]
    [InlineData(2, true)]
    [InlineData(1, false)]
    [InlineData(-5, false)]
    public void EvaluateCondition_ComparesVariable_WhenConditionIsAComparison(int a, bool expected)
    {
        Assert.Equal(expected, evaluator.EvaluateCondition("${a > 1}", new JsonObject { ["a"] = a }));
    }

    [Fact]
    public void EvaluateCondition_ReadsNestedJson_WhenVariableIsAnObject()
    {
        var variables = new JsonObject { ["party"] = new JsonObject { ["name"] = "Li", ["claims"] = new JsonArray(100, 250) } };

        Assert.True(evaluator.EvaluateCondition("${party.name === 'Li' && party.claims.length == 2 && party.claims[1] > 200}", variables));
    }

    [Fact]
    public void EvaluateCondition_Throws_WhenResultIsNotABoolean()
    {
        Assert.Throws<ExpressionException>(() => evaluator.EvaluateCondition("${amount}", new JsonObject { ["amount"] = 5 }));
    }

    [Fact]
    public void Evaluate_ReturnsText_WhenExpressionIsMixedWithText()
    {
        var value = evaluator.Evaluate("kermit_${loopCounter}", new JsonObject { ["loopCounter"] = 2 });

        Assert.Equal("kermit_2", (string?)value);
    }

    [Fact]
    public void Evaluate_KeepsTheValuesType_WhenTextIsALoneExpression()
    {
        var variables = new JsonObject { ["amount"] = 120, ["parties"] = new JsonArray("Li", "Wang") };

        Assert.Equal(240d, (double?)evaluator.Evaluate("${amount * 2}", variables));
        Assert.True(JsonNode.DeepEquals(new JsonArray("Li", "Wang"), evaluator.Evaluate("${parties}", variables)));
        Assert.Null(evaluator.Evaluate("${null}", variables));
    }

    [Theory]
    [InlineData("${0 / 0}")]
    [InlineData("${1 / 0}")]
    public void Evaluate_ThrowsExpressionException_WhenResultIsNotAFiniteNumber(string expression)
    {
        // NaN and Infinity have no JSON form: they must fail as an expression, not later when the value is written.
        Assert.Throws<ExpressionException>(() => evaluator.Evaluate(expression, []));
    }

    [Fact]
    public void EvaluateCondition_ThrowsExpressionException_WhenConditionIsNaN()
    {
        Assert.Throws<ExpressionException>(() => evaluator.EvaluateCondition("${amount / 0 * 0}", new JsonObject { ["amount"] = 0 }));
    }

    [Fact]
    public void Evaluate_ReturnsPlainText_WhenTextHoldsNoExpression()
    {
        Assert.Equal("village-committee", (string?)evaluator.Evaluate("village-committee", []));
    }

    [Fact]
    public void Evaluate_Throws_WhenVariableIsMissing()
    {
        var error = Assert.Throws<ExpressionException>(() => evaluator.Evaluate("${mediator}", []));

        Assert.Equal("mediator", error.Expression);
    }

    [Theory]
    [InlineData("${(function () { while (true) {} })()}")]
    [InlineData("${(() => { for (;;) {} })()}")]
    [InlineData("${while(true){}}")]   // not even an expression: refused by the parser
    public void Evaluate_StopsRunawayLoop_WhenExpressionNeverEnds(string expression)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();

        Assert.Throws<ExpressionException>(() => evaluator.Evaluate(expression, []));

        // Not a timing test: only a guard that the sandbox, not the test runner, ended the loop.
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), $"The loop ran for {started.Elapsed}.");
    }

    [Fact]
    public void Evaluate_StopsRunawayRecursion_WhenFunctionCallsItself()
    {
        Assert.Throws<ExpressionException>(() => evaluator.Evaluate("${(function f(n) { return f(n + 1); })(0)}", []));
    }

    [Fact]
    public void Evaluate_StopsMemoryGrowth_WhenExpressionAllocatesMoreThanTheLimit()
    {
        // 100 strings of a million characters: far past 16 MB within a few hundred statements.
        var error = Assert.Throws<ExpressionException>(() => evaluator.Evaluate(
            "${(function () { var a = []; for (var i = 0; i < 100; i++) a.push('x'.repeat(1000000) + i); return a.length; })()}", []));

        Assert.IsType<Jint.Runtime.MemoryLimitExceededException>(error.InnerException);
    }

    [Theory]
    [InlineData("${System}")]
    [InlineData("${System.IO.File.ReadAllText('/etc/passwd')}")]
    [InlineData("${importNamespace('System.IO')}")]
    public void Evaluate_GivesNoClrAccess_WhenExpressionNamesDotNet(string expression)
    {
        Assert.Throws<ExpressionException>(() => evaluator.Evaluate(expression, []));
    }

    [Fact]
    public void Evaluate_SeesNoClrNamespace_WhenExpressionTestsForIt()
    {
        Assert.Equal("undefined,undefined", (string?)evaluator.Evaluate("${typeof System + ',' + typeof importNamespace}", []));
    }

    [Fact]
    public void Evaluate_CopiesVariablesIn_WhenExpressionChangesThem()
    {
        var variables = new JsonObject { ["party"] = new JsonObject { ["name"] = "Li" } };

        evaluator.Evaluate("${party.name = 'Wang'}", variables);

        Assert.Equal("Li", (string?)variables["party"]!["name"]);
    }

    [Theory]
    [InlineData("${a ==}")]
    [InlineData("${(}")]
    [InlineData("${a > 1")]
    public void Check_ReportsProblem_WhenConditionDoesNotParse(string condition)
    {
        Assert.NotNull(evaluator.Check(condition));
    }

    [Theory]
    [InlineData("${a > 1}")]
    [InlineData("${risk == 'high' && amount >= 100}")]
    [InlineData("text without expression")]
    public void Check_ReturnsNull_WhenConditionParses(string condition)
    {
        Assert.Null(evaluator.Check(condition));
    }

    [Theory]
    [InlineData("${(() => { while (true) {} })()}")]
    [InlineData("${[1].some(function f() { for (;;) {} })}")]
    public void EvaluateCondition_StopsWithinASecond_WhenConditionLoopsForever(string condition)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();

        Assert.Throws<ExpressionException>(() => evaluator.EvaluateCondition(condition, []));

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(1), $"The loop ran for {started.Elapsed}.");
    }

    [Fact]
    public void EvaluateCondition_StopsCatastrophicBacktracking_WhenRegexNeverFinishes()
    {
        var variables = new JsonObject { ["text"] = new string('a', 40) + "!" };
        var started = System.Diagnostics.Stopwatch.StartNew();

        Assert.Throws<ExpressionException>(() => evaluator.EvaluateCondition("${/^(a+)+$/.test(text)}", variables));

        // The regex limit equals the 500 ms time limit; the slack is for a loaded machine.
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(2), $"The regex ran for {started.Elapsed}.");
    }

    [Fact]
    public void Evaluate_SeesNoClrHelpers_WhenExpressionLooksForThem()
    {
        Assert.Equal("undefined,undefined,undefined,undefined",
            (string?)evaluator.Evaluate("${[typeof System, typeof importNamespace, typeof clrHelper, typeof host].join()}", []));
    }

    [Theory]
    [InlineData("${eval('1 + 1')}")]
    [InlineData("${Function('return 1')()}")]
    [InlineData("${[].constructor.constructor('return 1')()}")]
    public void Evaluate_RefusesStringCompilation_WhenExpressionBuildsCode(string expression)
    {
        Assert.Throws<ExpressionException>(() => evaluator.Evaluate(expression, []));
    }

    [Fact]
    public void Evaluate_PassesPlainJavaScriptValues_WhenVariablesAreJson()
    {
        var variables = new JsonObject { ["party"] = new JsonObject { ["name"] = "Li" }, ["list"] = new JsonArray(1, 2) };

        Assert.True(evaluator.EvaluateCondition(
            "${Object.getPrototypeOf(party) === Object.prototype && Array.isArray(list) && typeof party.GetType === 'undefined' && typeof list.Clear === 'undefined'}",
            variables));
    }

    [Fact]
    public void Evaluate_LeavesNothingBehind_WhenPreviousEvaluationPollutedGlobals()
    {
        evaluator.Evaluate("${(globalThis.leak = 1, Object.prototype.polluted = 2, Array.prototype.includes = null, secret = 3)}",
            new JsonObject { ["secret"] = 0 });

        Assert.Equal("undefined,undefined,function,undefined",
            (string?)evaluator.Evaluate("${[typeof leak, typeof ({}).polluted, typeof [].includes, typeof secret].join()}", []));
    }

    [Fact]
    public void Evaluate_SeesOnlyItsOwnVariables_WhenEvaluationsRunConcurrently()
    {
        var wrong = 0;
        Parallel.For(0, 2_000, i =>
        {
            var value = evaluator.Evaluate("${n * 2 + (typeof other === 'undefined' ? 0 : 1000000)}", new JsonObject { ["n"] = i });
            if ((double?)value != i * 2) Interlocked.Increment(ref wrong);
        });

        Assert.Equal(0, wrong);
    }

    [Fact]
    public void Evaluate_ReadsVariableThroughGlobalThis_WhenExpressionUsesComputedName()
    {
        var variables = new JsonObject { ["amount"] = 7 };

        Assert.Equal(7d, (double?)evaluator.Evaluate("${globalThis['amo' + 'unt']}", variables));
        Assert.Equal(7d, (double?)evaluator.Evaluate("${this['amount']}", variables));
    }

    [Theory]
    [InlineData("${a) || (b}")]
    [InlineData("${a); while (true) {}; (b}")]
    public void Check_ReportsProblem_WhenTextIsMoreThanOneExpression(string expression)
    {
        Assert.NotNull(evaluator.Check(expression));
        Assert.Throws<ExpressionException>(() => evaluator.Evaluate(expression, new JsonObject { ["a"] = 1, ["b"] = 2 }));
    }
}
