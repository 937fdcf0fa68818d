using Journal = Mediation.Workflows.Journal.JournalKinds;

namespace Mediation.Host.Features.Cases;

/// <summary>A code's Chinese label first and its English one beside it, as every page shows its text.</summary>
public sealed record Label(string Chinese, string English)
{
    public override string ToString() => English.Length == 0 ? Chinese : $"{Chinese} {English}";
}

/// <summary>
/// The labels the case pages show for the API's codes (DOMAIN §1, §3, §6). A code without a label (a newer category,
/// an outcome a flow invents) shows as the code itself rather than failing the page.
/// </summary>
public static class CaseLabels
{
    public static IReadOnlyDictionary<string, Label> Channels { get; } = new Dictionary<string, Label>(StringComparer.Ordinal)
    {
        ["walkIn"] = new("来访", "Walk-in"),
        ["phone"] = new("来电（含12345热线）", "Phone, 12345 hotline"),
        ["online"] = new("网上申请", "Online"),
        ["gridScreening"] = new("网格排查", "Grid screening"),
        ["householdVisit"] = new("户户走到", "Household visit"),
        ["policeReferral"] = new("公安移送（警调对接）", "Police referral"),
        ["courtReferral"] = new("法院委派（诉调对接）", "Court referral"),
        ["petitionTransfer"] = new("信访转办", "Petition transfer"),
        ["agencyReferral"] = new("部门移送", "Agency referral"),
    };

    public static IReadOnlyDictionary<string, Label> Categories { get; } = new Dictionary<string, Label>(StringComparer.Ordinal)
    {
        ["marriageFamily"] = new("婚姻家庭（含赡养、抚养、继承）", "Marriage and family"),
        ["neighbour"] = new("邻里纠纷", "Neighbours"),
        ["homestead"] = new("房屋宅基地", "Housing and homestead"),
        ["landContract"] = new("山林土地、土地承包", "Forest, land, land contract"),
        ["contract"] = new("合同", "Contract"),
        ["debt"] = new("债务（民间借贷）", "Debt, private loans"),
        ["business"] = new("生产经营", "Production and business"),
        ["damages"] = new("损害赔偿", "Damages"),
        ["labour"] = new("劳动争议", "Labour"),
        ["wageArrears"] = new("欠薪", "Unpaid wages"),
        ["villageAffairs"] = new("村务管理", "Village affairs"),
        ["landAcquisition"] = new("征地拆迁", "Land acquisition, demolition"),
        ["environment"] = new("环境污染", "Pollution"),
        ["medical"] = new("医疗纠纷", "Medical"),
        ["traffic"] = new("道路交通事故", "Road traffic accident"),
        ["property"] = new("物业纠纷", "Property management"),
        ["consumer"] = new("消费纠纷", "Consumer"),
        ["other"] = new("其他", "Other"),
    };

    public static IReadOnlyDictionary<string, Label> RiskLevels { get; } = new Dictionary<string, Label>(StringComparer.Ordinal)
    {
        ["low"] = new("低（蓝）", "Low"),
        ["medium"] = new("中（黄）", "Medium"),
        ["high"] = new("高（橙）", "High"),
        ["critical"] = new("重大（红）", "Critical"),
    };

    public static IReadOnlyDictionary<string, Label> Statuses { get; } = new Dictionary<string, Label>(StringComparer.Ordinal)
    {
        [nameof(CaseStatus.StartPending)] = new("待启动", "Start pending"),
        [nameof(CaseStatus.InProgress)] = new("办理中", "In progress"),
        [nameof(CaseStatus.Closed)] = new("已结案", "Closed"),
    };

    /// <summary>The contract's closure codes, the one list: <c>recordOutcome</c> accepts exactly these.</summary>
    public static IReadOnlyDictionary<string, Label> Outcomes { get; } = new Dictionary<string, Label>(StringComparer.Ordinal)
    {
        ["agreed"] = new("达成协议", "Agreed"),
        ["failed"] = new("调解不成", "Failed"),
        ["withdrawn"] = new("当事人撤回", "Withdrawn"),
        ["notAccepted"] = new("不予受理", "Not accepted"),
        ["referredPolice"] = new("移交公安", "Referred to the police"),
        ["returnedToCourt"] = new("退回法院", "Returned to the court"),
        ["penalised"] = new("治安处罚", "Penalised"),
    };

    public static IReadOnlyDictionary<string, Label> Roles { get; } = new Dictionary<string, Label>(StringComparer.Ordinal)
    {
        ["applicant"] = new("申请人", "Applicant"),
        ["respondent"] = new("被申请人", "Respondent"),
        ["thirdParty"] = new("第三人", "Third party"),
    };

    public static IReadOnlyDictionary<string, Label> Sexes { get; } = new Dictionary<string, Label>(StringComparer.Ordinal)
    {
        ["male"] = new("男", "Male"),
        ["female"] = new("女", "Female"),
    };

    public static IReadOnlyDictionary<string, Label> Consents { get; } = new Dictionary<string, Label>(StringComparer.Ordinal)
    {
        ["written"] = new("书面同意", "Written"),
        ["oral"] = new("口头同意", "Oral"),
    };

    public static IReadOnlyDictionary<string, Label> InstanceStatuses { get; } = new Dictionary<string, Label>(StringComparer.Ordinal)
    {
        ["Running"] = new("运行中", "Running"),
        ["Suspended"] = new("已挂起", "Suspended"),
        ["Completed"] = new("已完成", "Completed"),
        ["Cancelled"] = new("已取消", "Cancelled"),
    };

    /// <summary>The journal's entry kinds as the timeline names them.</summary>
    /// <summary>The case's own records on its timeline (<see cref="Records.CaseTimeline"/>).</summary>
    public static IReadOnlyDictionary<string, Label> RecordKinds { get; } = new Dictionary<string, Label>(StringComparer.Ordinal)
    {
        ["CaseRegistered"] = new("登记", "Registered"),
        ["SessionHeld"] = new("调解", "Mediation session"),
        ["NoteAdded"] = new("备注", "Note"),
        ["AttachmentUploaded"] = new("上传材料", "File uploaded"),
        ["AgreementDrafted"] = new("起草调解协议", "Agreement drafted"),
        ["AgreementSigned"] = new("协议签字", "Agreement signed"),
        ["AgreementTookEffect"] = new("协议生效", "Agreement in effect"),
        ["ConfirmationApplied"] = new("申请司法确认", "Judicial confirmation applied for"),
        ["ConfirmationDecided"] = new("司法确认结果", "Judicial confirmation decided"),
        ["FollowUpPlanned"] = new("计划回访", "Follow-up planned"),
        ["FollowUpDone"] = new("回访", "Follow-up visit"),
        ["CaseClosed"] = new("结案", "Case closed"),
    };

    public static IReadOnlyDictionary<string, Label> JournalKinds { get; } = new Dictionary<string, Label>(StringComparer.Ordinal)
    {
        [Journal.InstanceStarted] = new("流程启动", "Process started"),
        [Journal.InstanceCompleted] = new("流程结束", "Process completed"),
        [Journal.InstanceCancelled] = new("流程取消", "Process cancelled"),
        [Journal.InstanceSuspended] = new("流程挂起", "Process suspended"),
        [Journal.InstanceResumed] = new("流程恢复", "Process resumed"),
        [Journal.ElementEntered] = new("进入环节", "Entered"),
        [Journal.ElementLeft] = new("离开环节", "Left"),
        [Journal.TaskCreated] = new("任务创建", "Task created"),
        [Journal.TaskClaimed] = new("任务认领", "Task claimed"),
        [Journal.TaskUnclaimed] = new("任务退回", "Task unclaimed"),
        [Journal.TaskCompleted] = new("任务完成", "Task completed"),
        [Journal.TaskCancelled] = new("任务取消", "Task cancelled"),
        [Journal.TaskOverdue] = new("任务超期", "Task overdue"),
        [Journal.VariableChanged] = new("变量变更", "Variables changed"),
        [Journal.IncidentRaised] = new("发生故障", "Incident raised"),
        [Journal.IncidentResolved] = new("故障排除", "Incident resolved"),
        [Journal.TimerFired] = new("定时触发", "Timer fired"),
        [Journal.MessageReceived] = new("收到消息", "Message received"),
        [Journal.ErrorThrown] = new("抛出错误", "Error thrown"),
        [Journal.ErrorCaught] = new("捕获错误", "Error caught"),
        [Journal.TokenCancelled] = new("执行中止", "Token cancelled"),
        [Journal.DeadlineProvisional] = new("期限暂定", "Deadline provisional"),
        [Journal.DeadlineRecomputed] = new("期限重算", "Deadline recomputed"),
        [Journal.DefinitionDeployed] = new("流程部署", "Definition deployed"),
    };

    /// <summary>The label of <paramref name="code"/> in <paramref name="labels"/>, or the code itself when it has none.</summary>
    public static Label Of(IReadOnlyDictionary<string, Label> labels, string? code)
        => code is null ? new("", "") : labels.TryGetValue(code, out var label) ? label : new(code, "");
}
