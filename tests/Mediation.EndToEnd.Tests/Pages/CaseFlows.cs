using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Mediation.EndToEnd.Tests.Pages;

/// <summary>
/// The processes intake routes to, for tests of the case pages. The shipped JointMediation file comes from another
/// branch; until the Host deploys it from workflow-definitions/, a small stand-in with a diagram is deployed under its key.
/// </summary>
internal static class CaseFlows
{
    public const string JointMediation = "JointMediation";

    public static async Task EnsureJointMediationAsync(HttpClient admin, CancellationToken ct)
    {
        using var definitions = JsonDocument.Parse(await admin.GetStringAsync("api/definitions", ct));
        if (definitions.RootElement.EnumerateArray().Any(d => d.GetProperty("key").GetString() == JointMediation)) return;
        using var content = new StringContent(StandIn, Encoding.UTF8, "application/xml");
        using var response = await admin.PostAsync("api/definitions", content, ct);
        Assert.True(response.IsSuccessStatusCode, $"deploying the JointMediation stand-in answered {(int)response.StatusCode}: "
            + await response.Content.ReadAsStringAsync(ct));
    }

    /// <summary>Registers a case through the API as the administrator; returns its number.</summary>
    public static async Task<string> RegisterAsync(HttpClient admin, string category, CancellationToken ct, string areaCode = "XT-ZCZ-XHC-1Z")
    {
        using var response = await admin.PostAsJsonAsync("api/cases", new
        {
            channel = "walkIn", category, areaCode, facts = "两户因排水沟堵塞发生争执（示例）",
            parties = new object[]
            {
                new { role = "applicant", name = "王五（示例）", age = 40, consent = "written" },
                new { role = "respondent", name = "赵六（示例）", age = 45, consent = "oral" },
            },
        }, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, $"POST /api/cases answered {(int)response.StatusCode}: {body}");
        using var created = JsonDocument.Parse(body);
        return created.RootElement.GetProperty("caseNumber").GetString()!;
    }

    /// <summary>The elements the case's process waits at, as <c>GET /api/cases/{number}</c> reports them.</summary>
    public static async Task<string[]> WaitingAsync(HttpClient admin, string caseNumber, CancellationToken ct)
    {
        using var view = JsonDocument.Parse(await admin.GetStringAsync($"api/cases/{caseNumber}", ct));
        return view.RootElement.GetProperty("instance").GetProperty("waiting").EnumerateArray().Select(e => e.GetString()!).ToArray();
    }

    private const string StandIn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                          xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                          xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
                          xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
                          xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                          id="Defs_JointMediationStandIn" targetNamespace="https://mediation.example/test">
          <bpmn:process id="JointMediation" name="联合调解（测试替身）Joint mediation (stand-in)" isExecutable="true">
            <bpmn:startEvent id="Start_Reported" name="纠纷登记 Dispute reported" />
            <bpmn:sequenceFlow id="Flow_1" sourceRef="Start_Reported" targetRef="Task_VillageMediation" />
            <bpmn:userTask id="Task_VillageMediation" name="村调委调解 Village mediation" camunda:candidateGroups="villageMediators" camunda:dueDate="P15D" />
            <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_VillageMediation" targetRef="Task_FollowUpVisit" />
            <bpmn:userTask id="Task_FollowUpVisit" name="回访 Follow-up visit" camunda:candidateGroups="villageMediators" />
            <bpmn:sequenceFlow id="Flow_3" sourceRef="Task_FollowUpVisit" targetRef="End_Closed" />
            <bpmn:endEvent id="End_Closed" name="结案 Closed" />
          </bpmn:process>
          <bpmndi:BPMNDiagram id="Diagram_JointMediation">
            <bpmndi:BPMNPlane id="Plane_JointMediation" bpmnElement="JointMediation">
              <bpmndi:BPMNShape id="Start_Reported_di" bpmnElement="Start_Reported"><dc:Bounds x="152" y="102" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="Task_VillageMediation_di" bpmnElement="Task_VillageMediation"><dc:Bounds x="250" y="80" width="120" height="80" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="Task_FollowUpVisit_di" bpmnElement="Task_FollowUpVisit"><dc:Bounds x="430" y="80" width="120" height="80" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="End_Closed_di" bpmnElement="End_Closed"><dc:Bounds x="612" y="102" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNEdge id="Flow_1_di" bpmnElement="Flow_1"><di:waypoint x="188" y="120" /><di:waypoint x="250" y="120" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="Flow_2_di" bpmnElement="Flow_2"><di:waypoint x="370" y="120" /><di:waypoint x="430" y="120" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="Flow_3_di" bpmnElement="Flow_3"><di:waypoint x="550" y="120" /><di:waypoint x="612" y="120" /></bpmndi:BPMNEdge>
            </bpmndi:BPMNPlane>
          </bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """;
}
