using System.Net.Http.Json;
using System.Text.Json;
using static Mediation.Host.Tests.Features.Cases.CaseTestData;

namespace Mediation.Host.Tests.Features.Cases.Records;

/// <summary>
/// Cases to put records on: a flow shaped like DOMAIN §7's tail (sign the agreement, wait for the court's decision, plan the
/// follow-up, visit, record the outcome), a flow without a signing task, and parties whose basic information is complete.
/// </summary>
internal static class RecordsKit
{
    /// <summary>Task_SignAgreement → event gateway (CourtConfirmationDecided | P28D) → scheduleFollowUp → Task_FollowUpVisit → recordOutcome.</summary>
    public const string SigningFlow = "RecordsSigningFlow";

    /// <summary>One task and the end: no Task_SignAgreement, so an agreement's variables are set on the instance.</summary>
    public const string PlainFlow = "RecordsPlainFlow";

    public static string SigningFlowXml => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                     id="Defs_{{SigningFlow}}" targetNamespace="https://mediation.example/test">
          <message id="Msg_Decided" name="CourtConfirmationDecided" />
          <process id="{{SigningFlow}}" isExecutable="true">
            <startEvent id="Start" />
            <sequenceFlow id="f1" sourceRef="Start" targetRef="Task_SignAgreement" />
            <userTask id="Task_SignAgreement" name="签署调解协议" camunda:candidateGroups="villageMediators" />
            <sequenceFlow id="f2" sourceRef="Task_SignAgreement" targetRef="Gw_Decision" />
            <eventBasedGateway id="Gw_Decision" />
            <sequenceFlow id="f3" sourceRef="Gw_Decision" targetRef="Catch_Decided" />
            <intermediateCatchEvent id="Catch_Decided"><messageEventDefinition messageRef="Msg_Decided" /></intermediateCatchEvent>
            <sequenceFlow id="f4" sourceRef="Gw_Decision" targetRef="Timer_CourtDecision" />
            <intermediateCatchEvent id="Timer_CourtDecision"><timerEventDefinition><timeDuration>P28D</timeDuration></timerEventDefinition></intermediateCatchEvent>
            <sequenceFlow id="f5" sourceRef="Timer_CourtDecision" targetRef="Task_ChaseCourt" />
            <userTask id="Task_ChaseCourt" camunda:candidateGroups="supervisors" />
            <sequenceFlow id="f6" sourceRef="Task_ChaseCourt" targetRef="Service_FollowUp" />
            <sequenceFlow id="f7" sourceRef="Catch_Decided" targetRef="Service_FollowUp" />
            <serviceTask id="Service_FollowUp" camunda:delegateExpression="${scheduleFollowUp}" />
            <sequenceFlow id="f8" sourceRef="Service_FollowUp" targetRef="Task_FollowUpVisit" />
            <userTask id="Task_FollowUpVisit" camunda:candidateGroups="villageMediators" camunda:dueDate="${followUpDue}" />
            <sequenceFlow id="f9" sourceRef="Task_FollowUpVisit" targetRef="Service_Outcome" />
            <serviceTask id="Service_Outcome" camunda:delegateExpression="${recordOutcome}" />
            <sequenceFlow id="f10" sourceRef="Service_Outcome" targetRef="End" />
            <endEvent id="End" />
          </process>
        </definitions>
        """;

    /// <summary>A 居民身份证 number: an odd 17th digit is a man's, an even one a woman's.</summary>
    public static object Party(string role, string name, DateOnly birth, int sequence) => new
    {
        role, name, idNumber = IdNumber(birth, sequence), ethnicity = "汉族", address = "新河村一组（示例）", phone = "13912345678",
        consent = "written",
    };

    /// <summary>An applicant and a respondent with every field an agreement needs.</summary>
    public static object[] CompleteParties() =>
        [Party("applicant", "张梅（示例）", new DateOnly(1970, 3, 8), 124), Party("respondent", "王强（示例）", new DateOnly(1965, 11, 20), 135)];

    /// <summary>A case in 新河村 on <paramref name="flow"/>, registered by the administrator; returns its number.</summary>
    public static async Task<string> NewCaseAsync(this HttpClient admin, string flow = SigningFlow, bool completeParties = true,
        string category = "neighbour")
    {
        (await admin.PostXmlAsync("/api/definitions", SigningFlowXml)).EnsureSuccessStatusCode();
        (await admin.PostXmlAsync("/api/definitions", OneTask(PlainFlow))).EnsureSuccessStatusCode();
        var created = await admin.RegisterAsync(Intake(definitionKey: flow, category: category, parties: completeParties ? CompleteParties() : null));
        return created.GetProperty("caseNumber").GetString()!;
    }

    public static object WrittenAgreement(string date = "2026-04-01", string deadline = "2026-04-30", decimal? amount = 1200.50m,
        bool identityRelation = false, bool titleConfirmation = false) => new
    {
        form = "written", agreementDate = date, facts = "两户因排水沟堵塞发生争执", issues = "疏通费用由谁承担",
        responsibilities = "双方各负一半责任", agreedContent = "王强支付张梅疏通费用一千二百元五角", performanceMethod = "银行转账",
        performancePlace = "新河村村委会", performanceDeadline = deadline, amount, identityRelation, titleConfirmation, mediator = "李调解（示例）",
    };

    public static object OralAgreement(string agreedAt = "2026-04-01T15:00:00+08:00") => new
    {
        form = "oral", agreementDate = agreedAt[..10], facts = "邻里琐事", issues = "噪音", responsibilities = "王强承担主要责任",
        agreedContent = "王强晚十点后不再施工", performanceMethod = "自行履行", performancePlace = "新河村一组", performanceDeadline = "2026-04-10",
        mediator = "李调解（示例）", agreedAt,
    };

    /// <summary>Every signature a two-party written agreement needs, all at <paramref name="signedAt"/>.</summary>
    public static object AllSignatures(string signedAt = "2026-04-01T10:00:00+08:00") => new
    {
        signatures = new object[]
        {
            new { signer = "party", party = 0, mark = "signed", signedAt },
            new { signer = "party", party = 1, mark = "fingerprinted", signedAt },
            new { signer = "mediator", signedAt },
            new { signer = "committee", name = "新河村人民调解委员会", signedAt },
        },
    };

    /// <summary>A written agreement signed by everyone at <paramref name="signedAt"/>: in effect from then.</summary>
    public static async Task<JsonElement> EffectiveAgreementAsync(this HttpClient client, string caseNumber, string signedAt = "2026-04-01T10:00:00+08:00",
        object? agreement = null)
    {
        (await client.PutAsJsonAsync($"/api/cases/{caseNumber}/agreement", agreement ?? WrittenAgreement(date: signedAt[..10]))).EnsureSuccessStatusCode();
        var signed = await client.PostAsJsonAsync($"/api/cases/{caseNumber}/agreement/sign", AllSignatures(signedAt));
        signed.EnsureSuccessStatusCode();
        return await signed.JsonAsync();
    }

    public static async Task<JsonElement> InstanceAsync(this HttpClient admin, string caseNumber)
    {
        var @case = await (await admin.GetAsync($"/api/cases/{caseNumber}")).JsonAsync();
        return await (await admin.GetAsync($"/api/instances/{@case.GetProperty("processInstanceId").GetGuid()}")).JsonAsync();
    }

    /// <summary>The field paths of a 400's <c>errors</c>, sorted.</summary>
    public static async Task<string[]> ErrorFieldsAsync(this HttpResponseMessage response)
    {
        await response.Content.LoadIntoBufferAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await BodyAsync(response)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToArray();
    }

    public static async Task<string> ErrorAsync(this HttpResponseMessage response, string field)
    {
        await response.Content.LoadIntoBufferAsync();
        return string.Join(" | ", (await BodyAsync(response)).GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));
    }

    /// <summary>The body as JSON, readable again and again (a 400 is read once per field the test looks at).</summary>
    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response)
        => JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
}
