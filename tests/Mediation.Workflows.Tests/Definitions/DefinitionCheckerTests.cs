using Mediation.Workflows.Bpmn.Validation;
using Mediation.Workflows.Definitions;
using Mediation.Workflows.Expressions;

namespace Mediation.Workflows.Tests.Definitions;

/// <summary>
/// shared/conformance/malformed against EXPECTED.md: every file gets a finding and nothing throws; the expected
/// element id (or, for XML-level files, a document-level error on the expected line) is among the findings.
/// </summary>
public sealed class DefinitionCheckerTests
{
    private static readonly DefinitionChecker Checker = new(new BpmnValidator(new JintExpressionEvaluator()));

    private static readonly string[] FileNames =
    [
        "01-not-xml.bpmn", "02-truncated.bpmn", "03-empty.bpmn", "04-xxe-external-entity.bpmn", "05-external-dtd.bpmn",
        "06-billion-laughs.bpmn", "07-wrong-root.bpmn", "08-no-bpmn-namespace.bpmn", "09-duplicate-ids.bpmn",
        "10-flow-to-missing-target.bpmn", "11-gateway-without-outgoing-flow.bpmn", "12-no-start-event.bpmn",
        "13-unparsable-condition.bpmn", "14-complex-gateway.bpmn", "15-compensation-boundary-event.bpmn",
        "16-infinite-loop-without-wait-state.bpmn", "17-boundary-attached-to-missing-activity.bpmn",
        "18-default-flow-not-outgoing.bpmn", "19-unparsable-timer.bpmn", "20-message-ref-missing.bpmn",
        "21-call-activity-without-called-element.bpmn", "22-deep-nesting-200.bpmn", "23-huge-documentation-5mb.bpmn",
        "24-invalid-utf8-attribute.bpmn",
    ];

    public static TheoryData<string> MalformedFiles => new(FileNames);

    // EXPECTED.md asks "at least a warning" of the endless loop; every other file must be refused.
    private static readonly HashSet<string> WarningIsEnough = ["16-infinite-loop-without-wait-state.bpmn"];

    [Fact]
    public void MalformedFiles_ListsEveryFileOfTheCorpus()
    {
        var folder = ConformanceFiles.Folder("malformed");

        var onDisk = Directory.GetFiles(folder, "*.bpmn").Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(FileNames.Order(StringComparer.Ordinal), onDisk);
    }

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public void Check_ReportsAnErrorWithoutThrowing_WhenFileIsMalformed(string file)
    {
        var findings = Checker.Check(Read(file));

        Assert.NotEmpty(findings);
        if (!WarningIsEnough.Contains(file)) Assert.Contains(findings, f => f.Severity == Severity.Error);   // refused at deployment
        Assert.All(findings, f => Assert.False(string.IsNullOrWhiteSpace(f.Format(file))));
    }

    // EXPECTED.md's table: the element each finding must name, and the line(s) it may point at.
    [Theory]
    [InlineData("07-wrong-root.bpmn", "WrongRoot", new[] { 2 })]
    [InlineData("08-no-bpmn-namespace.bpmn", "Defs_NoNamespace", new[] { 2 })]
    [InlineData("09-duplicate-ids.bpmn", "Task_Review", new[] { 8 })]
    [InlineData("10-flow-to-missing-target.bpmn", "Flow_Dangling", new[] { 7 })]
    [InlineData("11-gateway-without-outgoing-flow.bpmn", "Gateway_Decide", new[] { 6 })]
    [InlineData("12-no-start-event.bpmn", "NoStart", new[] { 3 })]
    [InlineData("13-unparsable-condition.bpmn", "Flow_Broken", new[] { 7, 8 })]
    [InlineData("14-complex-gateway.bpmn", "Gateway_Complex", new[] { 6 })]
    [InlineData("15-compensation-boundary-event.bpmn", "Boundary_Compensate", new[] { 9 })]
    [InlineData("17-boundary-attached-to-missing-activity.bpmn", "Boundary_Deadline", new[] { 9 })]
    [InlineData("18-default-flow-not-outgoing.bpmn", "Gateway_Route", new[] { 6 })]
    [InlineData("19-unparsable-timer.bpmn", "Timer_Wait", new[] { 8, 6 })]
    [InlineData("20-message-ref-missing.bpmn", "Catch_Reply", new[] { 7, 6 })]
    [InlineData("21-call-activity-without-called-element.bpmn", "Call_Court", new[] { 6 })]
    // The reader refuses subprocesses nested deeper than ReadContext.MaxSubprocessDepth (32): Sub_033, on line 6 + 3 * 32.
    [InlineData("22-deep-nesting-200.bpmn", "Sub_033", new[] { 102 })]
    public void Check_ReportsErrorOnExpectedElement_WhenFileIsMalformed(string file, string elementId, int[] lines)
    {
        var errors = Checker.Check(Read(file)).Where(f => f.Severity == Severity.Error).ToList();

        var onElement = errors.Where(f => f.ElementId == elementId).ToList();
        Assert.True(onElement.Count > 0, $"No error names '{elementId}'. Errors:\n{Describe(errors, file)}");
        Assert.True(onElement.Any(f => lines.Contains(f.Line)),
            $"No error on '{elementId}' points at line {string.Join(" or ", lines)}. Errors:\n{Describe(onElement, file)}");
    }

    [Fact]
    public void Check_WarnsOfCycleWithoutWaitState_WhenLoopNeverWaits()
    {
        var findings = Checker.Check(Read("16-infinite-loop-without-wait-state.bpmn"));

        Assert.Contains(findings, f => f.Severity is Severity.Warning or Severity.Error
            && (f.ElementId, f.Line) is ("Gateway_Again", 10) or ("Task_Count", 6));
    }

    // XML-level files: an error on the document (no element id), on the line EXPECTED.md gives (0: it gives none).
    [Theory]
    [InlineData("01-not-xml.bpmn", 1)]
    [InlineData("02-truncated.bpmn", 5)]
    [InlineData("03-empty.bpmn", 0)]
    [InlineData("04-xxe-external-entity.bpmn", 2)]
    [InlineData("05-external-dtd.bpmn", 2)]
    [InlineData("06-billion-laughs.bpmn", 2)]
    [InlineData("23-huge-documentation-5mb.bpmn", 0)]
    [InlineData("24-invalid-utf8-attribute.bpmn", 6)]
    public void Check_ReportsDocumentLevelError_WhenFileIsNotReadableXml(string file, int line)
    {
        var errors = Checker.Check(Read(file)).Where(f => f.Severity == Severity.Error).ToList();

        Assert.True(errors.Any(f => f.ElementId is null && (line == 0 || f.Line == line)),
            $"No document-level error{(line == 0 ? "" : $" on line {line}")}. Errors:\n{Describe(errors, file)}");
    }

    [Fact]
    public void Check_NeverReadsTheExternalEntity_WhenFileDeclaresXxe()
    {
        var findings = Checker.Check(Read("04-xxe-external-entity.bpmn"));

        Assert.Contains(findings, f => f.Code == "dtd-forbidden");
        Assert.DoesNotContain(findings, f => f.Message.Contains("root:", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_ReportsTimerErrorWithoutThrowing_WhenDurationNumberOverflows()
    {
        var content = System.Text.Encoding.UTF8.GetBytes(BpmnText.Process("HugeTimer", """
                <startEvent id="Start"/>
                <sequenceFlow id="f1" sourceRef="Start" targetRef="Timer_Wait"/>
                <intermediateCatchEvent id="Timer_Wait">
                  <timerEventDefinition><timeDuration>P99999999999D</timeDuration></timerEventDefinition>
                </intermediateCatchEvent>
            """));

        var findings = Checker.Check(content);

        Assert.Contains(findings, f => f is { Severity: Severity.Error, Code: "timer-unparsable", ElementId: "Timer_Wait" });
    }

    [Fact]
    public void Check_RefusesElementsThisVersionCannotRun_WhenDefinitionIsOtherwiseValid()
    {
        var findings = Checker.Check(System.Text.Encoding.UTF8.GetBytes(BpmnText.Process("Routing", """
                <startEvent id="Start"/>
                <sequenceFlow id="f1" sourceRef="Start" targetRef="Gateway_Route"/>
                <exclusiveGateway id="Gateway_Route"/>
                <sequenceFlow id="f2" sourceRef="Gateway_Route" targetRef="Task_Count"/>
                <scriptTask id="Task_Count" scriptFormat="groovy"><script>n = 1</script></scriptTask>
                <sequenceFlow id="f3" sourceRef="Task_Count" targetRef="Task_Sign"/>
                <userTask id="Task_Sign"/>
            """)));

        Assert.Equal(["Task_Count"],
            findings.Where(f => f.Code == "not-executable-yet" && f.Severity == Severity.Error).Select(f => f.ElementId!).Order());
        Assert.DoesNotContain(findings, f => f.ElementId is "Start" or "Task_Sign" or "Gateway_Route");
    }

    [Fact]
    public void Check_ReturnsNoFinding_WhenDefinitionUsesOnlyTheRunnableSubset()
    {
        var content = File.ReadAllBytes(TestEngine.TestFile("TestData/two-step-review.bpmn"));

        Assert.Empty(Checker.Check(content));
    }

    private static byte[] Read(string file) => File.ReadAllBytes(Path.Combine(ConformanceFiles.Folder("malformed"), file));

    private static string Describe(IEnumerable<Finding> findings, string file)
        => string.Join("\n", findings.Select(f => "  " + f.Format(file)));
}
