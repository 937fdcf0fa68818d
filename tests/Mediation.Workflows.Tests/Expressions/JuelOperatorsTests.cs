using System.Text.Json.Nodes;
using Mediation.Workflows.Expressions;

namespace Mediation.Workflows.Tests.Expressions;

public sealed class JuelOperatorsTests
{
    private readonly JintExpressionEvaluator evaluator = new();

    [Theory]
    [InlineData("a and b", "a && b")]
    [InlineData("a or b", "a || b")]
    [InlineData("not a", "! a")]
    [InlineData("a eq b", "a == b")]
    [InlineData("a ne b", "a != b")]
    [InlineData("a lt b", "a < b")]
    [InlineData("a gt b", "a > b")]
    [InlineData("a le b", "a <= b")]
    [InlineData("a ge b", "a >= b")]
    [InlineData("a div b", "a / b")]
    [InlineData("a mod b", "a % b")]
    [InlineData("empty a", "__juel_empty( a)")]
    [InlineData("(a)and(b)", "(a)&&(b)")]
    [InlineData("a gt 1 and not (b le 2)", "a > 1 && ! (b <= 2)")]
    [InlineData("empty x.y[0] or not empty list", "__juel_empty( x.y[0]) || ! __juel_empty( list)")]
    [InlineData("!empty order.parties", "!__juel_empty( order.parties)")]
    [InlineData("empty f(a, b).c ? 1 : 2", "__juel_empty( f(a, b).c) ? 1 : 2")]
    public void Translate_RewritesOperatorWord_WhenWordIsInOperatorPosition(string juel, string javaScript)
    {
        Assert.Equal(javaScript, JuelOperators.Translate(juel).Code);
    }

    [Theory]
    [InlineData("s == 'a and b or not c'")]
    [InlineData("s == \"x eq y\" || s == 'it\\'s empty'")]
    [InlineData("android && notes && order.mode && x.empty && order.and && nothing && divide && modest")]
    [InlineData("/ and |not /.test(s)")]
    [InlineData("mod > 2 && div + ne")]
    [InlineData("not")]
    [InlineData("empty")]
    [InlineData("not == false")]
    [InlineData("empty.length")]
    [InlineData("({ and: 1, empty: 2, not: 3 }).and")]
    [InlineData("a /* and */ + b // or")]
    [InlineData("`template ${x} and y`")]
    [InlineData("金额 > 100")]
    public void Translate_LeavesTextUntouched_WhenWordsAreNotOperators(string code)
    {
        Assert.Equal(code, JuelOperators.Translate(code).Code);
    }

    [Theory]
    [InlineData("${approved and amount gt 100}", true)]
    [InlineData("${approved and amount lt 100}", false)]
    [InlineData("${rejected or approved}", true)]
    [InlineData("${not rejected}", true)]
    [InlineData("${not(approved)}", false)]
    [InlineData("${risk eq 'high'}", true)]
    [InlineData("${risk ne 'high'}", false)]
    [InlineData("${amount le 120}", true)]
    [InlineData("${amount ge 121}", false)]
    [InlineData("${amount div 4 == 30}", true)]
    [InlineData("${amount mod 7 eq 1}", true)]
    [InlineData("${amount == '120'}", true)]
    [InlineData("#{approved and not rejected}", true)]
    [InlineData("${risk == 'not high and low'}", false)]
    public void EvaluateCondition_UnderstandsJuelWord_WhenCamundaFileUsesIt(string condition, bool expected)
    {
        var variables = new JsonObject { ["approved"] = true, ["rejected"] = false, ["amount"] = 120, ["risk"] = "high" };

        Assert.Equal(expected, evaluator.EvaluateCondition(condition, variables));
    }

    [Theory]
    [InlineData("null", true)]
    [InlineData("\"\"", true)]
    [InlineData("[]", true)]
    [InlineData("{}", true)]
    [InlineData("\" \"", false)]
    [InlineData("0", false)]
    [InlineData("false", false)]
    [InlineData("[0]", false)]
    [InlineData("{\"a\": null}", false)]
    public void EvaluateCondition_TestsEmptiness_WhenConditionUsesEmpty(string json, bool expected)
    {
        var variables = new JsonObject { ["x"] = JsonNode.Parse(json) };

        Assert.Equal(expected, evaluator.EvaluateCondition("${empty x}", variables));
        Assert.Equal(!expected, evaluator.EvaluateCondition("${not empty x}", variables));
    }

    [Fact]
    public void EvaluateCondition_AppliesEmptyToWholeMemberChain_WhenOperandHasProperties()
    {
        var variables = new JsonObject { ["order"] = new JsonObject { ["parties"] = new JsonArray(), ["mode"] = "fast" } };

        Assert.True(evaluator.EvaluateCondition("${empty order.parties and order.mode eq 'fast'}", variables));
    }

    [Fact]
    public void EvaluateCondition_ReadsVariablesNamedLikeWords_WhenTheyAreOperands()
    {
        var variables = new JsonObject { ["mod"] = 3, ["notes"] = "x", ["android"] = true };

        Assert.True(evaluator.EvaluateCondition("${mod gt 2 and notes eq 'x' and android}", variables));
    }

    [Fact]
    public void EvaluateCondition_Throws_WhenEmptyNamesAMissingVariable()
    {
        // Camunda: "Unknown property used in expression" becomes an incident; so does a ReferenceError here.
        Assert.Throws<ExpressionException>(() => evaluator.EvaluateCondition("${empty missing}", []));
    }

    [Theory]
    [InlineData("${a and b}")]
    [InlineData("${not empty list or x ge 3}")]
    public void Check_AcceptsJuelWords_WhenExpressionIsCamundaStyle(string expression)
    {
        Assert.Null(evaluator.Check(expression));
    }
}
