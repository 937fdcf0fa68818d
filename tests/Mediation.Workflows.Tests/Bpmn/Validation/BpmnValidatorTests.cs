using Mediation.Workflows.Bpmn;
using Mediation.Workflows.Bpmn.Validation;
using Mediation.Workflows.Expressions;

namespace Mediation.Workflows.Tests.Bpmn.Validation;

public sealed class BpmnValidatorTests
{
    private static readonly BpmnValidator Validator = new(new JintExpressionEvaluator());

    private static IReadOnlyList<Finding> Validate(string processId, string body, string? beforeProcess = null)
        => Validator.Validate(BpmnReader.Read(BpmnText.Process(processId, body, beforeProcess)));

    [Fact]
    public void Validate_ReturnsNoFinding_WhenProcessIsWellFormed()
    {
        var findings = Validate("Fine", """
                <startEvent id="Start"/>
                <sequenceFlow id="f1" sourceRef="Start" targetRef="Gateway_Agreed"/>
                <exclusiveGateway id="Gateway_Agreed" default="f3"/>
                <sequenceFlow id="f2" sourceRef="Gateway_Agreed" targetRef="End">
                  <conditionExpression xsi:type="tFormalExpression">${agreed == true}</conditionExpression>
                </sequenceFlow>
                <sequenceFlow id="f3" sourceRef="Gateway_Agreed" targetRef="Task_Retry"/>
                <userTask id="Task_Retry"/>
                <sequenceFlow id="f4" sourceRef="Task_Retry" targetRef="Gateway_Agreed"/>
                <endEvent id="End"/>
            """);

        Assert.Empty(findings);
    }

    [Fact]
    public void Validate_ReportsUnparsableCondition_OnlyWhenConditionSyntaxIsGiven()
    {
        var document = BpmnReader.Read(BpmnText.Process("BadCondition", """
                <startEvent id="Start"/>
                <sequenceFlow id="Flow_Broken" sourceRef="Start" targetRef="End">
                  <conditionExpression xsi:type="tFormalExpression">${a ==}</conditionExpression>
                </sequenceFlow>
                <endEvent id="End"/>
            """));

        var finding = Assert.Single(Validator.Validate(document));
        Assert.Equal(("condition-unparsable", "Flow_Broken", Severity.Error), (finding.Code, finding.ElementId, finding.Severity));
        Assert.Empty(new BpmnValidator().Validate(document));
    }

    [Fact]
    public void Validate_WarnsAtGateway_WhenLoopHasNoWaitState()
    {
        var findings = Validate("Spin", """
                <startEvent id="Start"/>
                <sequenceFlow id="f1" sourceRef="Start" targetRef="Task_Count"/>
                <task id="Task_Count"/>
                <sequenceFlow id="f2" sourceRef="Task_Count" targetRef="Gateway_Again"/>
                <exclusiveGateway id="Gateway_Again"/>
                <sequenceFlow id="f3" sourceRef="Gateway_Again" targetRef="Task_Count"/>
            """);

        var finding = Assert.Single(findings);
        Assert.Equal(("cycle-without-wait-state", Severity.Warning, "Gateway_Again", 8), (finding.Code, finding.Severity, finding.ElementId, finding.Line));
    }

    [Fact]
    public void Validate_WarnsOfSelfLoop_WhenTaskFlowsBackToItself()
    {
        var findings = Validate("SelfLoop", """
                <startEvent id="Start"/>
                <sequenceFlow id="f1" sourceRef="Start" targetRef="Task_Again"/>
                <task id="Task_Again"/>
                <sequenceFlow id="f2" sourceRef="Task_Again" targetRef="Task_Again"/>
            """);

        Assert.Contains(findings, f => f is { Code: "cycle-without-wait-state", ElementId: "Task_Again" });
    }

    [Fact]
    public void Validate_WarnsUnreachable_WhenNoFlowLeadsToElement()
    {
        var findings = Validate("Island", """
                <startEvent id="Start"/>
                <sequenceFlow id="f1" sourceRef="Start" targetRef="End"/>
                <endEvent id="End"/>
                <userTask id="Task_Forgotten"/>
            """);

        var finding = Assert.Single(findings);
        Assert.Equal(("unreachable", Severity.Warning, "Task_Forgotten"), (finding.Code, finding.Severity, finding.ElementId));
    }

    [Fact]
    public void Validate_ReportsNoExecutableProcess_WhenEveryProcessIsNonExecutable()
    {
        var document = BpmnReader.Read($"""
            <definitions xmlns="{BpmnReader.ModelNamespace}" id="D"><process id="Draft" isExecutable="false"/></definitions>
            """);

        var finding = Assert.Single(Validator.Validate(document));
        Assert.Equal(("no-executable-process", Severity.Error, (string?)null), (finding.Code, finding.Severity, finding.ElementId));
    }

    [Fact]
    public void Validate_ReportsMissingSourceOnce_WhenFlowStartsAtUnknownElement()
    {
        var findings = Validate("Source", """
                <startEvent id="Start"/>
                <sequenceFlow id="Flow_Orphan" sourceRef="Task_Gone" targetRef="End"/>
                <endEvent id="End"/>
            """);

        var error = Assert.Single(findings, f => f.Severity == Severity.Error);
        Assert.Equal(("flow-source-missing", "Flow_Orphan"), (error.Code, error.ElementId));
    }

    [Fact]
    public void Validate_ReportsBoundaryWithoutTrigger_WhenBoundaryEventHasNoDefinition()
    {
        var findings = Validate("Boundary", """
                <startEvent id="Start"/>
                <sequenceFlow id="f1" sourceRef="Start" targetRef="Task_Hear"/>
                <userTask id="Task_Hear"/>
                <boundaryEvent id="Boundary_Empty" attachedToRef="Task_Hear"/>
            """);

        Assert.Contains(findings, f => f is { Code: "boundary-without-trigger", ElementId: "Boundary_Empty", Severity: Severity.Error });
    }

    [Fact]
    public void Validate_AcceptsTimerExpression_WhenTimerIsAnExpression()
    {
        var findings = Validate("Timers", """
                <startEvent id="Start"/>
                <sequenceFlow id="f1" sourceRef="Start" targetRef="Timer_Workdays"/>
                <intermediateCatchEvent id="Timer_Workdays"><timerEventDefinition><timeDate>${workdays(10)}</timeDate></timerEventDefinition></intermediateCatchEvent>
                <sequenceFlow id="f2" sourceRef="Timer_Workdays" targetRef="Timer_Cycle"/>
                <intermediateCatchEvent id="Timer_Cycle"><timerEventDefinition><timeCycle>0 0 9 * * ?</timeCycle></timerEventDefinition></intermediateCatchEvent>
            """);

        Assert.Empty(findings);
    }

    [Fact]
    public void Validate_WarnsServiceTaskWithoutHandler_WhenNoHandlerIsNamed()
    {
        var findings = Validate("Service", """
                <startEvent id="Start"/>
                <sequenceFlow id="f1" sourceRef="Start" targetRef="Task_Notify"/>
                <serviceTask id="Task_Notify"/>
            """);

        var finding = Assert.Single(findings);
        Assert.Equal(("service-without-handler", Severity.Warning, "Task_Notify"), (finding.Code, finding.Severity, finding.ElementId));
    }

    [Fact]
    public void Validate_StopsAfterXmlError_WhenDocumentCannotBeRead()
    {
        var findings = Validator.Validate(BpmnReader.Read("<definitions"));

        var finding = Assert.Single(findings);
        Assert.Equal("xml-malformed", finding.Code);
    }
}
