using System.Net.Http.Json;
using System.Text.Json;
using Mediation.Host.Features.Cases;
using Mediation.Host.Features.Cases.Records;
using Mediation.Host.Infrastructure.Database;
using Mediation.Host.Tests.Features.Cases;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Mediation.Host.Tests.Features.Cases.CaseTestData;

namespace Mediation.Host.Tests.Features.Reports;

/// <summary>
/// A town of its own under the sample county (two villages, a group in the first), its supervisor, and a Host on the
/// same database whose clock the test sets: cases are registered through the API at chosen instants, and closed as
/// the process's <c>recordOutcome</c> step closes them (outcome, closing time, status).
/// </summary>
internal sealed class ReportTown
{
    public static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    public required string Town { get; init; }
    public required string Village1 { get; init; }
    public required string Group1 { get; init; }
    public required string Village2 { get; init; }
    public required string Supervisor { get; init; }
    public required WebApplicationFactory<Program> Host { get; init; }
    public required ReportClock Clock { get; init; }

    public static async Task<ReportTown> CreateAsync(MediationAppFactory app, string name)
    {
        var admin = await app.LoginAsync();
        var town = "XT-R" + Guid.NewGuid().ToString("n")[..6].ToUpperInvariant();
        await AddUnitAsync(admin, town, $"{name}镇（测试）", "Town", "XT");
        await AddUnitAsync(admin, $"{town}-A", $"{name}一村（测试）", "Village", town);
        await AddUnitAsync(admin, $"{town}-A-1Z", $"{name}一村一组（测试）", "VillageGroup", $"{town}-A");
        await AddUnitAsync(admin, $"{town}-B", $"{name}二村（测试）", "Village", town);
        await AddUnitAsync(admin, $"{town}-TWH", $"{name}镇调委会（测试）", "MediationCommittee", town);
        var supervisor = await app.MemberAsync(town, "supervisors", "sup");
        var clock = new ReportClock(new DateTimeOffset(2025, 1, 1, 9, 0, 0, Shanghai));
        var host = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        await DeployContractKeysAsync(await host.LoginToAsync());
        return new ReportTown
        {
            Town = town, Village1 = $"{town}-A", Group1 = $"{town}-A-1Z", Village2 = $"{town}-B", Supervisor = supervisor,
            Host = host, Clock = clock,
        };
    }

    private static async Task AddUnitAsync(HttpClient admin, string code, string name, string kind, string parent)
        => (await admin.PostAsJsonAsync("/api/org", new { code, name, kind, parentCode = parent })).EnsureSuccessStatusCode();

    /// <summary>Signs in on the clocked Host (after the clock moved: a token is only good for hours of the clock's time).</summary>
    public Task<HttpClient> AsAsync(string userName)
        => userName == "admin" ? Host.LoginToAsync() : Host.LoginToAsync(userName, AreaUsers.Password);

    /// <summary>Registers a case at <paramref name="localTime"/> (Asia/Shanghai) and returns its number.</summary>
    public async Task<string> RegisterAsync(DateTime localTime, string area, string category = "neighbour", string channel = "walkIn",
        bool courtDelegated = false, int? collectivePersons = null)
    {
        Clock.SetUtcNow(new DateTimeOffset(localTime, Shanghai));
        var admin = await Host.LoginToAsync();
        var created = await admin.RegisterAsync(new
        {
            channel, category, areaCode = area, facts = "报表测试纠纷（示例）", collective = collectivePersons is not null,
            personsInvolved = collectivePersons, courtDelegated, parties = new[] { Applicant(), Respondent() },
        });
        return created.GetProperty("caseNumber").GetString()!;
    }

    /// <summary>What <c>recordOutcome</c> writes: the outcome and the closing time; the case is closed.</summary>
    public async Task CloseAsync(string caseNumber, string outcome, DateTime localTime)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        var @case = await db.Set<Case>().SingleAsync(c => c.CaseNumber == caseNumber);
        @case.Outcome = outcome;
        @case.ClosedAt = new DateTimeOffset(localTime, Shanghai).ToUniversalTime();
        @case.Status = CaseStatus.Closed;
        await db.SaveChangesAsync();
    }

    /// <summary>An agreement in effect as the records API stores one (an oral one takes effect as recorded).</summary>
    public Task AddAgreementAsync(string caseNumber, AgreementForm form, DateTime effectiveLocal, decimal? amount, DateOnly deadline,
        bool performedOnSigning = false)
        => WithCaseAsync(caseNumber, (db, c) => db.Add(new Agreement
        {
            CaseId = c.Id, Form = form, AgreementDate = DateOnly.FromDateTime(effectiveLocal), Facts = "报表测试", Issues = "报表测试",
            Responsibilities = "报表测试", AgreedContent = "报表测试", PerformanceMethod = "转账", PerformancePlace = "村委会",
            PerformanceDeadline = deadline, Amount = amount, PerformedOnSigning = performedOnSigning, Mediator = "调解员（测试）",
            AgreedAt = form == AgreementForm.Oral ? Local(effectiveLocal) : null, EffectiveAt = Local(effectiveLocal),
            DraftedBy = "admin", DraftedAt = Local(effectiveLocal), UpdatedBy = "admin", UpdatedAt = Local(effectiveLocal),
        }));

    public Task AddConfirmationAsync(string caseNumber, DateOnly appliedOn, ConfirmationStatus status, DateOnly? rulingDate)
        => WithCaseAsync(caseNumber, async (db, c) =>
        {
            var agreement = await db.Set<Agreement>().SingleAsync(a => a.CaseId == c.Id);
            db.Add(new JudicialConfirmation
            {
                CaseId = c.Id, AgreementId = agreement.Id, AppliedOn = appliedOn, Court = "人民法庭（测试）",
                WindowEndsAt = agreement.EffectiveAt!.Value.AddDays(30), AppliedBy = "admin", AppliedAt = Local(appliedOn.ToDateTime(new TimeOnly(9, 0))),
                Status = status, RulingDate = rulingDate, DecidedBy = rulingDate is null ? null : "admin",
                DecidedAt = rulingDate is { } d ? Local(d.ToDateTime(new TimeOnly(9, 0))) : null,
            });
        });

    public Task AddFollowUpAsync(string caseNumber, DateTime? dueLocal, DateTime? visitedLocal = null, Performance? performed = null, int? satisfaction = null)
        => WithCaseAsync(caseNumber, (db, c) => db.Add(new FollowUpVisit
        {
            Id = Guid.NewGuid(), CaseId = c.Id, DueAt = dueLocal is { } due ? Local(due) : null, PlannedBy = "admin",
            PlannedAt = Local(dueLocal ?? visitedLocal!.Value), VisitedAt = visitedLocal is { } v ? Local(v) : null,
            VisitedBy = visitedLocal is null ? null : "网格员（测试）", Performed = performed, Satisfaction = satisfaction,
            RecordedBy = visitedLocal is null ? null : "admin", RecordedAt = visitedLocal is { } r ? Local(r) : null,
        }));

    private static DateTimeOffset Local(DateTime local) => new DateTimeOffset(local, Shanghai).ToUniversalTime();

    private Task WithCaseAsync(string caseNumber, Action<HostDbContext, Case> add)
        => WithCaseAsync(caseNumber, (db, c) => { add(db, c); return Task.CompletedTask; });

    private async Task WithCaseAsync(string caseNumber, Func<HostDbContext, Case, Task> add)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        await add(db, await db.Set<Case>().SingleAsync(c => c.CaseNumber == caseNumber));
        await db.SaveChangesAsync();
    }

    public async Task<JsonElement> SummaryAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/reports/summary?" + query);
        if (!response.IsSuccessStatusCode) Assert.Fail($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }
}

/// <summary>
/// A clock the test sets, read by the Host's intake and reports. Unlike FakeTimeProvider it leaves timers on real time:
/// the Host's background loops (group commit, calendar refresh) wait on timers and would never wake on a frozen clock.
/// </summary>
internal sealed class ReportClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void SetUtcNow(DateTimeOffset now) => Interlocked.Exchange(ref ticks, now.UtcTicks);
}

internal static class ReportAssert
{
    /// <summary>Each named measure of <paramref name="metrics"/> has the expected value; measures not named must be zero or null.</summary>
    /// <summary>The record measures of March in the scenario: every record of the first town.</summary>
    public static readonly (string, double?)[] MarchRecords =
    [
        ("agreements", 3), ("agreementAmount", 97000.5), ("writtenWithAmount", 2), ("performanceDue", 2), ("performedOnTime", 1),
        ("performanceRate", 0.5), ("confirmationsApplied", 2), ("confirmed", 1), ("confirmationsRejected", 1), ("confirmationRate", 0.5),
        ("followUpsDue", 3), ("followUpsDone", 2), ("followUpRate", 0.6667), ("satisfactionRated", 1), ("satisfactionAverage", 5),
    ];

    public static void Metrics(JsonElement metrics, string where, params (string Name, double? Value)[] expected)
    {
        var named = expected.ToDictionary(e => e.Name, e => e.Value);
        foreach (var property in metrics.EnumerateObject())
        {
            double? actual = property.Value.ValueKind == JsonValueKind.Null ? null : property.Value.GetDouble();
            var wanted = named.TryGetValue(property.Name, out var value) ? value
                : property.Name.EndsWith("Rate", StringComparison.Ordinal) || property.Name.EndsWith("Average", StringComparison.Ordinal) ? null : 0;
            Assert.True(wanted == actual, $"{where}: {property.Name} is {actual?.ToString() ?? "null"}, expected {wanted?.ToString() ?? "null"}");
            named.Remove(property.Name);
        }
        Assert.True(named.Count == 0, $"{where}: no measure named {string.Join(", ", named.Keys)}");
    }

    public static JsonElement Group(JsonElement summary, string key)
        => summary.GetProperty("groups").EnumerateArray().SingleOrDefault(g => g.GetProperty("key").GetString() == key) is { ValueKind: JsonValueKind.Object } g
            ? g.GetProperty("metrics")
            : throw new Xunit.Sdk.XunitException($"no group '{key}' in {string.Join(", ", summary.GetProperty("groups").EnumerateArray().Select(x => x.GetProperty("key").GetString()))}");

    public static string[] Keys(JsonElement summary) => summary.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("key").GetString()!).ToArray();
}
