using System.Text.Json.Nodes;
using Mediation.Workflows.Expressions;

namespace Mediation.Workflows.Tests.Expressions;

/// <summary><c>execution.getVariable</c> / <c>setVariable</c> and the context getters, as Camunda 7 expressions use them.</summary>
public sealed class ExecutionVariablesTests
{
    private readonly JintExpressionEvaluator evaluator = new();

    [Fact]
    public void Run_ReturnsNull_WhenGetVariableNamesAMissingVariable()
    {
        var result = evaluator.Run("${execution.getVariable('missing')}", []);

        Assert.Null(result.Value);
        Assert.True(evaluator.EvaluateCondition("${execution.getVariable('missing') == null}", []));
    }

    [Fact]
    public void Run_ReturnsTheVariable_WhenGetVariableNamesAnExistingOne()
    {
        var variables = new JsonObject { ["party"] = new JsonObject { ["name"] = "Li" }, ["my-var"] = 3 };

        Assert.Equal("Li", (string?)evaluator.Run("${execution.getVariable('party').name}", variables).Value);
        // A name that is no JavaScript identifier is still reachable through getVariable.
        Assert.Equal(3d, (double?)evaluator.Run("${execution.getVariable('my-var')}", variables).Value);
    }

    [Fact]
    public void Run_ReportsVariable_WhenExpressionCallsSetVariable()
    {
        var variables = new JsonObject { ["amount"] = 120 };

        var result = evaluator.Run("${execution.setVariable('fee', amount * 0.1)}", variables);

        Assert.Null(result.Value);
        Assert.Equal(12d, (double?)result.SetVariables["fee"]);
        Assert.False(variables.ContainsKey("fee"));
    }

    [Fact]
    public void Run_ReportsJson_WhenSetVariableIsGivenAnObject()
    {
        var result = evaluator.Run("${execution.setVariable('party', { name: 'Wang', claims: [1, 2] })}", []);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"name":"Wang","claims":[1,2]}"""), result.SetVariables["party"]));
    }

    [Fact]
    public void Run_SeesSetVariable_WhenGetVariableFollowsInTheSameEvaluation()
    {
        var variables = new JsonObject { ["x"] = 1 };

        var result = evaluator.Run("${execution.setVariable('x', 5) || [execution.getVariable('x'), x]}", variables);

        Assert.True(JsonNode.DeepEquals(new JsonArray(5d, 5d), result.Value));
        Assert.Equal(5d, (double?)result.SetVariables["x"]);
    }

    [Fact]
    public void Run_CarriesSetVariableAcrossParts_WhenTextMixesExpressions()
    {
        var result = evaluator.Run("a${execution.setVariable('n', 2)}b${execution.getVariable('n')}", []);

        Assert.Equal("ab2", (string?)result.Value);
        Assert.Equal(2d, (double?)result.SetVariables["n"]);
    }

    [Fact]
    public void RunCondition_ReportsVariable_WhenConditionSetsOne()
    {
        var result = evaluator.RunCondition("${execution.setVariable('checked', true) || amount > 100}", new JsonObject { ["amount"] = 120 });

        Assert.True(result.Value);
        Assert.Equal(true, (bool?)result.SetVariables["checked"]);
    }

    [Fact]
    public void Run_ReportsNothing_WhenExpressionOnlyAssignsAGlobal()
    {
        // Plain assignment in an expression is local to it (variables are copies); only setVariable is reported.
        var result = evaluator.Run("${x = 2}", new JsonObject { ["x"] = 1 });

        Assert.Empty(result.SetVariables);
    }

    [Fact]
    public void Run_Throws_WhenSetVariableIsGivenAFunction()
    {
        Assert.Throws<ExpressionException>(() => evaluator.Run("${execution.setVariable('f', () => 1)}", []));
    }

    [Fact]
    public void Run_AnswersFromContext_WhenExpressionAsksForInstanceBusinessKeyAndActivity()
    {
        var context = new ExpressionContext(InstanceId: "pi-7", BusinessKey: "CASE-2026-001", ActivityId: "Task_Review");

        var result = evaluator.Run(
            "${[execution.getProcessInstanceId(), execution.getBusinessKey(), execution.getProcessBusinessKey(), execution.getCurrentActivityId()]}",
            [], context);

        Assert.True(JsonNode.DeepEquals(new JsonArray("pi-7", "CASE-2026-001", "CASE-2026-001", "Task_Review"), result.Value));
    }

    [Fact]
    public void Run_AnswersNull_WhenNoContextIsGiven()
    {
        Assert.Null(evaluator.Run("${execution.getProcessInstanceId()}", []).Value);
    }

    [Fact]
    public void Run_ListsVariables_WhenExpressionAsksForAllOrOne()
    {
        var variables = new JsonObject { ["a"] = 1 };

        var result = evaluator.Run("${execution.setVariable('b', 2) || [execution.getVariables(), execution.hasVariable('a'), execution.hasVariable('z')]}", variables);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"a":1,"b":2},true,false]"""), result.Value));
    }

    [Fact]
    public void Run_Throws_WhenGetVariableIsGivenNoName()
    {
        Assert.Throws<ExpressionException>(() => evaluator.Run("${execution.getVariable()}", []));
    }
}
