using System.Text.Json.Nodes;
using Mediation.Host.Features.Organisation;
using Mediation.Host.Infrastructure.Database;
using Mediation.Workflows.Execution;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Mediation.Host.Features.Cases.Records;

namespace Mediation.Host.Features.Cases;

/// <summary>
/// Sample disputes （示例） for the demo: registered through intake like any case, on the sample tree, then moved along
/// their flows as the sample users would, so that a first start shows inboxes, cases at several stages, a collective
/// wage dispute under police risk control, a court-delegated and a police case. Seeded once, into a database that has
/// no case yet, when <c>Mediation:Samples:Enabled</c> and <c>Mediation:Samples:Cases</c> are on.
/// </summary>
public static class SampleCases
{
    /// <summary>One sample: who registers it, what intake records, and the tasks its people have completed since.</summary>
    private sealed record Sample(string Clerk, IntakeRequest Intake, params Step[] Steps);

    private sealed record Step(string ElementId, string Actor, Dictionary<string, JsonNode?>? Variables = null);

    private static PartyRequest Person(string role, string name, string idNumber, string phone, string address)
        => new(role, name, null, null, null, "汉族", idNumber, phone, address, false, "written");

    private static readonly Sample[] Samples =
    [
        new("qian.intake", new("walkIn", "neighbour", null, "XT-ZCZ-XHC-1Z",
            "（示例）张家屋后排水沟被李家堆放的柴草堵塞，雨后积水漫入张家院内。", "排水沟疏通及损失赔偿",
            null, null, null, null, null,
            [Person("applicant", "张大勇（示例）", "429004196503120039", "13907281234", "新河村一组12号"),
             Person("respondent", "李国平（示例）", "429004197208050044", "0728-3312345", "新河村一组14号")])),
        new("qian.intake", new("householdVisit", "homestead", null, "XT-ZCZ-XHC",
            "（示例）两户翻建房屋时对宅基地界址各执一词，界桩已毁。", "宅基地东侧界址",
            null, null, null, null, null,
            [Person("applicant", "王秀英（示例）", "429004198801190050", "13886501234", "新河村二组3号"),
             Person("respondent", "赵德明（示例）", "429004197910230061", "15972801234", "新河村二组5号")]),
            new Step("Task_Intake", "qian.intake", new() { ["accepted"] = true, ["riskLevel"] = "medium" }),
            new Step("Task_AssignVillageMediator", "li.village")),
        new("qian.intake", new("gridScreening", "wageArrears", null, "XT-ZCZ-XHC-2Z",
            "（示例）某建筑班组8名务工人员年底未领到工资约12万元，情绪激动，扬言堵路。", "欠付工资数额及支付期限",
            true, 8, null, null, null,
            [Person("applicant", "周建华（示例）", "429004199006070070", "13797281234", "新河村二组8号"),
             Person("respondent", "孙志强（示例）", "429004195811300088", "13508681234", "仙桃市干河街道")]),
            new Step("Task_Intake", "qian.intake", new() { ["accepted"] = true, ["riskLevel"] = "high" })),
        new("qian.intake", new("phone", "property", null, "XT-GHJD-XYSQ-HY",
            "（示例）和园小区3栋业主认为物业擅自提高停车费，拒交物业费。", "停车收费标准",
            null, null, null, null, null,
            [Person("applicant", "吴海燕（示例）", "429004198502140096", "18672801234", "和园小区3栋2单元501"),
             Person("respondent", "钱立新（示例）", "429004199309180015", "0728-3276543", "和园小区物业服务中心")]),
            new Step("Task_Intake", "qian.intake", new() { ["accepted"] = true, ["riskLevel"] = "low" }),
            new Step("Task_AssignVillageMediator", "liu.community")),
        new("qian.intake", new("walkIn", "contract", null, "XT-ZCZ-XHC",
            "（示例）双方买卖农机的合同纠纷，一方称已向人民法院起诉。", "货款及质量",
            null, null, null, null, null,
            [Person("applicant", "郑春梅（示例）", "429004196707210028", "13971281234", "新河村一组20号"),
             Person("respondent", "冯家宝（示例）", "429004197604030037", "13329861234", "新河村二组9号")]),
            new Step("Task_Intake", "qian.intake", new() { ["accepted"] = false, ["notAcceptedReason"] = "该纠纷已由人民法院受理" })),
        new("lin.tribunal", new("courtReferral", "debt", null, "XT-ZCZ-XHC",
            "（示例）民间借贷纠纷，郑场人民法庭立案前委派调解。", "借款本金及利息",
            null, null, true, null, null,
            [Person("applicant", "陈志远（示例）", "42900419990101004X", "13627281234", "郑场镇新河村"),
             Person("respondent", "褚文斌（示例）", "429004198205260059", "15171281234", "郑场镇高家村")])),
        new("chen.police", new("policeReferral", "damages", null, "XT-ZCZ-XHC-1Z",
            "（示例）两村民因鸡鸭啄食菜苗发生推搡，一方眼镜损坏，110接警后转派出所调解。", "眼镜赔偿",
            null, null, null, true, null,
            [Person("applicant", "张大勇（示例）", "429004196503120039", "13907281234", "新河村一组12号"),
             Person("respondent", "李国平（示例）", "429004197208050044", "0728-3312345", "新河村一组14号")])),
    ];

    public static async Task SeedSampleCasesAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var options = provider.GetRequiredService<IOptions<SamplesOptions>>().Value;
        var db = provider.GetRequiredService<HostDbContext>();
        if (!options.Enabled || !options.Cases || await db.Set<Case>().AnyAsync(ct)) return;
        // Only on the sample tree: a county that loaded its own tree and users gets no sample disputes.
        if (!await db.Set<OrgUnit>().AnyAsync(u => u.Code == "XT-ZCZ-XHC", ct)) return;

        var (validator, starter, clock, engine) = (provider.GetRequiredService<IntakeValidator>(), provider.GetRequiredService<CaseStarter>(),
            provider.GetRequiredService<RecordClock>(), provider.GetRequiredService<IWorkflowEngine>());
        foreach (var sample in Samples)
        {
            var (registered, errors) = await RegisterCase.RegisterAsync(sample.Intake, sample.Clerk, validator, db, starter, clock, ct);
            if (registered is null)
                throw new InvalidOperationException($"Sample case '{sample.Intake.Facts}': {string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value[0]}"))}");
            foreach (var step in sample.Steps) await CompleteAsync(engine, registered.Case.CaseNumber, step, ct);
        }
        Console.WriteLine($"示例 {Samples.Length} sample cases registered (set Mediation__Samples__Cases=false to skip them).");
    }

    private static async Task CompleteAsync(IWorkflowEngine engine, string caseNumber, Step step, CancellationToken ct)
    {
        var tasks = await engine.ListTasksAsync(new TaskQuery { SeeAll = true, BusinessKey = caseNumber }, ct);
        var task = tasks.FirstOrDefault(t => t.ElementId == step.ElementId)
            ?? throw new InvalidOperationException($"Sample case {caseNumber}: no open task '{step.ElementId}' (open: {string.Join(", ", tasks.Select(t => t.ElementId))})");
        var done = await engine.CompleteTaskAsync(new CompleteTaskRequest(task.Id, step.Actor, step.Variables), ct);
        if (done.Outcome != TaskOutcome.Completed)
            throw new InvalidOperationException($"Sample case {caseNumber}: '{step.ElementId}' was not completed ({done.Outcome})");
    }
}
