using Mediation.Workflows.Bpmn;
using Mediation.Workflows.Bpmn.Validation;

namespace Mediation.Workflows.Tests.Bpmn;

public sealed class BpmnReaderTests
{
    [Fact]
    public void Read_RecordsLineAndColumnOfEachElement_WhenFileHasLineBreaks()
    {
        const string xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Defs" targetNamespace="t">
              <bpmn:process id="Positions" isExecutable="true">
                <bpmn:startEvent id="Start"/>
                <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task_Review"/>
                  <bpmn:userTask id="Task_Review"/>
              </bpmn:process>
            </bpmn:definitions>
            """;

        var process = Assert.Single(BpmnReader.Read(xml).Processes);

        // XmlReader reports the column of the element's name, one past its '<'.
        Assert.Equal(new SourcePosition(3, 4), process.Position);
        Assert.Equal(new SourcePosition(4, 6), process.Node("Start").Position);
        Assert.Equal(new SourcePosition(5, 6), process.FindFlow("Flow_1")!.Position);
        Assert.Equal(new SourcePosition(6, 8), process.Node("Task_Review").Position);
    }

    [Fact]
    public void Read_GivesDistinctIdsToFlowsWithoutId_WhenIdIsLeftOut()
    {
        var document = BpmnReader.Read(BpmnText.Process("Anonymous", """
                <startEvent id="Start"/>
                <sequenceFlow sourceRef="Start" targetRef="Sub"/>
                <subProcess id="Sub">
                  <startEvent id="Sub_Start"/>
                  <sequenceFlow sourceRef="Sub_Start" targetRef="Sub_End"/>
                  <endEvent id="Sub_End"/>
                </subProcess>
                <sequenceFlow sourceRef="Sub" targetRef="End"/>
                <endEvent id="End"/>
            """));

        var process = Assert.Single(document.Processes);
        Assert.Empty(document.Findings);
        Assert.Equal(3, process.Flows.Select(f => f.Id).Distinct().Count());
        Assert.All(process.Flows, f => Assert.False(string.IsNullOrEmpty(f.Id)));
        Assert.Equal("Sub", Assert.Single(process.Outgoing("Start")).TargetRef);
        Assert.Equal("End", Assert.Single(process.Outgoing("Sub")).TargetRef);
        Assert.Equal("Sub_End", Assert.Single(process.Outgoing("Sub_Start")).TargetRef);
    }

    [Fact]
    public void Read_TrimsCondition_WhenItIsInCdataWithWhitespace()
    {
        var document = BpmnReader.Read(BpmnText.Process("Cdata", """
                <startEvent id="Start"/>
                <sequenceFlow id="Flow_Large" sourceRef="Start" targetRef="End">
                  <conditionExpression xsi:type="tFormalExpression"><![CDATA[
                       ${amount > 100 && party != "<none>"}
                  ]]></conditionExpression>
                </sequenceFlow>
                <sequenceFlow id="Flow_Blank" sourceRef="Start" targetRef="End">
                  <conditionExpression xsi:type="tFormalExpression">   </conditionExpression>
                </sequenceFlow>
                <endEvent id="End"/>
            """));

        var process = Assert.Single(document.Processes);
        Assert.Equal("""${amount > 100 && party != "<none>"}""", process.FindFlow("Flow_Large")!.Condition);
        Assert.Null(process.FindFlow("Flow_Blank")!.Condition);
    }

    [Fact]
    public void Read_KeepsCamundaAttributesByLocalName_WhenTaskHasThem()
    {
        var document = BpmnReader.Read(BpmnText.Process("Camunda", """
                <startEvent id="Start"/>
                <userTask id="Task_Mediate" name="Mediate" camunda:assignee="${mediator}" camunda:candidateGroups="village, town"
                          camunda:dueDate="P15D" camunda:formKey="record" camunda:priority="70" other="ignored"/>
            """));

        var task = Assert.Single(document.Processes).Node("Task_Mediate");
        Assert.Equal(NodeKind.UserTask, task.Kind);
        Assert.Equal("Mediate", task.Name);
        Assert.Equal("${mediator}", task.CamundaAttribute("assignee"));
        Assert.Equal("village, town", task.CamundaAttribute("candidateGroups"));
        Assert.Equal("P15D", task.CamundaAttribute("dueDate"));
        Assert.Equal("record", task.CamundaAttribute("formKey"));
        Assert.Equal("70", task.CamundaAttribute("priority"));
        Assert.Null(task.CamundaAttribute("other"));
        Assert.Equal(5, task.Camunda.Count);
    }

    [Fact]
    public void Read_SplitsPotentialOwnerIntoGroupsAndUsers_WhenFormalExpressionMixesThem()
    {
        var document = BpmnReader.Read(BpmnText.Process("Owners", """
                <startEvent id="Start"/>
                <userTask id="Task_Sign">
                  <potentialOwner>
                    <resourceAssignmentExpression>
                      <formalExpression>group(village-committee), user(kermit), town-office</formalExpression>
                    </resourceAssignmentExpression>
                  </potentialOwner>
                </userTask>
            """));

        var task = Assert.Single(document.Processes).Node("Task_Sign");
        Assert.Equal(["village-committee", "town-office"], task.PotentialOwnerGroups);   // a bare name is a group, as in Camunda
        Assert.Equal(["kermit"], task.PotentialOwnerUsers);
        Assert.Empty(document.Findings);
    }

    [Fact]
    public void Read_TakesErrorRefAsTheCode_WhenItNamesNoErrorElement()
    {
        var document = BpmnReader.Read(BpmnText.Process("Errors", """
                <startEvent id="Start"/>
                <endEvent id="End_Declared"><errorEventDefinition errorRef="Error_Refused"/></endEvent>
                <endEvent id="End_Undeclared"><errorEventDefinition errorRef="MEDIATION_FAILED"/></endEvent>
                <endEvent id="End_Any"><errorEventDefinition/></endEvent>
            """, beforeProcess: """<error id="Error_Refused" errorCode="PARTY_REFUSED"/>"""));

        var process = Assert.Single(document.Processes);
        Assert.Equal("PARTY_REFUSED", process.Node("End_Declared").ErrorCode);
        Assert.Equal("MEDIATION_FAILED", process.Node("End_Undeclared").ErrorCode);
        Assert.Null(process.Node("End_Any").ErrorCode);
        Assert.All(new[] { "End_Declared", "End_Undeclared", "End_Any" }, id => Assert.Equal(EventTrigger.Error, process.Node(id).Trigger));
        Assert.Empty(document.Findings);
    }

    [Fact]
    public void Read_ResolvesMessageNameAndTimer_WhenEventsDeclareThem()
    {
        var document = BpmnReader.Read(BpmnText.Process("Events", """
                <startEvent id="Start"/>
                <intermediateCatchEvent id="Catch_Reply"><messageEventDefinition messageRef="Message_Reply"/></intermediateCatchEvent>
                <intermediateCatchEvent id="Timer_Wait"><timerEventDefinition><timeDuration> P10D </timeDuration></timerEventDefinition></intermediateCatchEvent>
                <boundaryEvent id="Boundary_Remind" attachedToRef="Task_Hear" cancelActivity="false">
                  <timerEventDefinition><timeCycle>R3/P1D</timeCycle></timerEventDefinition>
                </boundaryEvent>
                <userTask id="Task_Hear"/>
            """, beforeProcess: """<message id="Message_Reply" name="PartyReplied"/>"""));

        var process = Assert.Single(document.Processes);
        Assert.Equal("PartyReplied", process.Node("Catch_Reply").MessageName);
        Assert.Equal(new TimerSpec(TimerType.Duration, "P10D"), process.Node("Timer_Wait").Timer);
        var boundary = process.Node("Boundary_Remind");
        Assert.Equal(new TimerSpec(TimerType.Cycle, "R3/P1D"), boundary.Timer);
        Assert.False(boundary.CancelActivity);
        Assert.Equal(["Boundary_Remind"], process.BoundaryEventsOf("Task_Hear").Select(b => b.Id));
    }

    [Fact]
    public void Read_PlacesNodesInTheirSubprocess_WhenSubprocessesAreNested()
    {
        var document = BpmnReader.Read(BpmnText.Process("Nested", """
                <startEvent id="Start"/>
                <subProcess id="Sub_Outer">
                  <startEvent id="Outer_Start"/>
                  <subProcess id="Sub_Inner">
                    <startEvent id="Inner_Start"/>
                  </subProcess>
                </subProcess>
            """));

        var process = Assert.Single(document.Processes);
        Assert.Null(process.Node("Sub_Outer").ParentId);
        Assert.Equal("Sub_Outer", process.Node("Sub_Inner").ParentId);
        Assert.Equal("Sub_Inner", process.Node("Inner_Start").ParentId);
        Assert.Equal("Inner_Start", process.NoneStartEvent("Sub_Inner")!.Id);
    }

    [Fact]
    public void Read_ReportsUnsupportedElementWithIdAndLine_WhenElementIsOutsideTheSubset()
    {
        var document = BpmnReader.Read(BpmnText.Process("Unsupported", """
                <startEvent id="Start"/>
                <complexGateway id="Gateway_Complex"/>
                <intermediateThrowEvent id="Throw_Signal"><signalEventDefinition/></intermediateThrowEvent>
            """));

        Assert.Contains(document.Findings, f => f is { Code: "unsupported-element", ElementId: "Gateway_Complex", Line: 5, Severity: Severity.Error });
        Assert.Contains(document.Findings, f => f is { Code: "unsupported-element", ElementId: "Throw_Signal", Line: 6 });
    }

    [Fact]
    public void Read_IgnoresDocumentationAndOtherToolsExtensions_WhenTheyDescribeButDoNotExecute()
    {
        var document = BpmnReader.Read(BpmnText.Process("Described", """
                <documentation>Why this process exists.</documentation>
                <extensionElements><camunda:properties><camunda:property name="a" value="b"/></camunda:properties></extensionElements>
                <laneSet id="LaneSet_1"><lane id="Lane_1"/></laneSet>
                <startEvent id="Start"><outgoing>f1</outgoing></startEvent>
                <sequenceFlow id="f1" sourceRef="Start" targetRef="End"/>
                <endEvent id="End"><incoming>f1</incoming></endEvent>
                <textAnnotation id="Note_1"><text>Call the parties first.</text></textAnnotation>
            """));

        Assert.Empty(document.Findings);
        Assert.Equal(["End", "Start"], Assert.Single(document.Processes).Nodes.Select(n => n.Id).Order());
    }

    [Fact]
    public void Read_ReportsDuplicateIdAtSecondOccurrence_WhenIdIsReused()
    {
        var document = BpmnReader.Read(BpmnText.Process("Duplicates", """
                <startEvent id="Start"/>
                <userTask id="Task_Review"/>
                <userTask id="Task_Review"/>
            """));

        var finding = Assert.Single(document.Findings);
        Assert.Equal(("duplicate-id", "Task_Review", 6), (finding.Code, finding.ElementId, finding.Line));
    }

    [Fact]
    public void Read_RefusesDtdWithoutExpandingIt_WhenEntitiesAreDeclared()
    {
        const string xml = """
            <?xml version="1.0"?>
            <!DOCTYPE definitions [ <!ENTITY a "aaaaaaaaaa"> <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"> ]>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="D"><process id="P" name="&b;"/></definitions>
            """;

        var document = BpmnReader.Read(xml);

        Assert.Empty(document.Processes);
        Assert.Equal("dtd-forbidden", Assert.Single(document.Findings).Code);
    }

    [Fact]
    public void Read_RefusesTheFile_WhenXmlIsNestedDeeperThanTheLimit()
    {
        var depth = BpmnReader.MaxXmlDepth + 10;
        var xml = $"""<definitions xmlns="{BpmnReader.ModelNamespace}">"""
            + string.Concat(Enumerable.Repeat("<documentation>", depth)) + string.Concat(Enumerable.Repeat("</documentation>", depth))
            + "</definitions>";

        var document = BpmnReader.Read(xml);

        Assert.Empty(document.Processes);
        Assert.Equal("too-deep", Assert.Single(document.Findings).Code);
    }
}
