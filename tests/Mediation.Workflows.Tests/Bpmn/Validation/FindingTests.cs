using Mediation.Workflows.Bpmn;
using Mediation.Workflows.Bpmn.Validation;

namespace Mediation.Workflows.Tests.Bpmn.Validation;

public sealed class FindingTests
{
    [Fact]
    public void Format_WritesTheValidateContractLine_WhenFindingNamesAnElement()
    {
        var finding = Finding.Error("flow-target-missing", "The sequence flow's target 'X' does not exist.", "Flow_Dangling", new SourcePosition(7, 6));

        Assert.Equal("a/b.bpmn:7:6: error flow-target-missing: The sequence flow's target 'X' does not exist. [Flow_Dangling]",
            finding.Format("a/b.bpmn"));
    }

    [Fact]
    public void Format_LeavesOutTheBrackets_WhenFindingIsOnTheDocument()
    {
        var finding = Finding.Warning("unreachable", "Never runs.", null, new SourcePosition(1, 1));

        Assert.Equal("x.bpmn:1:1: warning unreachable: Never runs.", finding.Format("x.bpmn"));
    }
}
