using System.Runtime.CompilerServices;
using Mediation.Host.Features.Cases.Records;

namespace Mediation.Host.Tests.Features.Reports;

/// <summary>
/// The cases the summary tests count, built once per database: a town (villages A and B, group A-1) seen by its
/// supervisor, a second town they must not count, and a clock standing on 10 April 2026, 12:00 in Asia/Shanghai.
/// <code>
/// case  area   category         channel          registered (local)    deadline    closed (local)           outcome
/// C1    A      neighbour        walkIn           03-02 10:00           04-02       03-20                    agreed (on time)
/// C2    A-1    debt             gridScreening    03-05 10:00           04-05       04-08 (after the period) failed
/// C3    B      labour           phone            03-01 00:00:00        03-16       03-20                    agreed (late)
/// C4    B      neighbour        walkIn           02-28 23:59:59        03-28       03-03                    withdrawn (on time)
/// C5    A      landAcquisition  policeReferral   03-10 10:00, 12 people 04-10       open, deadline today: not overdue
/// C6    B      contract         courtReferral    03-01 10:00 (court)   03-31       03-31 23:00              returnedToCourt (on time)
/// C7    A      neighbour        walkIn           03-31 23:59           04-30       open
/// C8    B      other            walkIn           01-15 10:00           02-15       open: 54 days overdue
/// C9    A      neighbour        walkIn           03-12 10:00           04-12       03-13                    notAccepted
/// C10   A      wageArrears      walkIn           03-03 10:00, 30 people 03-18       03-25                    agreed (late)
/// C11   town   homestead        walkIn           03-20 10:00           04-20       open (registered at the town itself)
/// C12   A      neighbour        walkIn           2025-03-10            2025-04-10  2025-03-15               agreed (a year earlier)
/// C13   B      marriageFamily   walkIn           01-31 10:00           02-28 (P1M clamped)  open: 41 days overdue
/// X1    other town, neighbour   walkIn           03-05 10:00           never counted for the first town's supervisor
///
/// records   agreement (effective, amount, performance deadline)   confirmation               follow-up visits (due → visited)
/// C1        oral 03-20, 5000.00, 03-25                            —                          03-26 → 03-30 fully, satisfaction 5
/// C3        written 03-20, 12000.50, 04-05 (grace runs to 04-12)  applied 03-22, confirmed 03-28  —
/// C10       written 03-25, 80000.00, 03-28                        applied 03-26, rejected 03-31   03-29 → 04-09 partly, satisfaction 2
/// C7        —                                                     —                          03-31 (not done); 04-20 (not due)
/// C12       oral 2025-03-15, 100.00, performed on signing         —                          —
/// </code>
/// </summary>
internal sealed record ReportScenario(ReportTown Town, ReportTown OtherTown, IReadOnlyDictionary<string, string> Cases)
{
    private static readonly ConditionalWeakTable<MediationAppFactory, Task<ReportScenario>> Built = new();

    public static Task<ReportScenario> For(MediationAppFactory app) => Built.GetValue(app, BuildAsync);

    public static readonly DateTimeOffset Now = new(2026, 4, 10, 12, 0, 0, ReportTown.Shanghai);

    private static async Task<ReportScenario> BuildAsync(MediationAppFactory app)
    {
        var t = await ReportTown.CreateAsync(app, "报表");
        var other = await ReportTown.CreateAsync(app, "邻镇");
        var (a, a1, b) = (t.Village1, t.Group1, t.Village2);
        var cases = new Dictionary<string, string>
        {
            ["C12"] = await t.RegisterAsync(new(2025, 3, 10, 10, 0, 0), a),
            ["C8"] = await t.RegisterAsync(new(2026, 1, 15, 10, 0, 0), b, "other"),
            ["C13"] = await t.RegisterAsync(new(2026, 1, 31, 10, 0, 0), b, "marriageFamily"),
            ["C4"] = await t.RegisterAsync(new(2026, 2, 28, 23, 59, 59), b),
            ["C3"] = await t.RegisterAsync(new(2026, 3, 1, 0, 0, 0), b, "labour", "phone"),
            ["C6"] = await t.RegisterAsync(new(2026, 3, 1, 10, 0, 0), b, "contract", "courtReferral", courtDelegated: true),
            ["C1"] = await t.RegisterAsync(new(2026, 3, 2, 10, 0, 0), a),
            ["C10"] = await t.RegisterAsync(new(2026, 3, 3, 10, 0, 0), a, "wageArrears", collectivePersons: 30),
            ["C2"] = await t.RegisterAsync(new(2026, 3, 5, 10, 0, 0), a1, "debt", "gridScreening"),
            ["X1"] = await other.RegisterAsync(new(2026, 3, 5, 10, 0, 0), other.Village1),
            ["C5"] = await t.RegisterAsync(new(2026, 3, 10, 10, 0, 0), a, "landAcquisition", "policeReferral", collectivePersons: 12),
            ["C9"] = await t.RegisterAsync(new(2026, 3, 12, 10, 0, 0), a),
            ["C11"] = await t.RegisterAsync(new(2026, 3, 20, 10, 0, 0), t.Town, "homestead"),
            ["C7"] = await t.RegisterAsync(new(2026, 3, 31, 23, 59, 0), a),
        };
        await t.CloseAsync(cases["C12"], "agreed", new(2025, 3, 15, 10, 0, 0));
        await t.CloseAsync(cases["C4"], "withdrawn", new(2026, 3, 3, 10, 0, 0));
        await t.CloseAsync(cases["C9"], "notAccepted", new(2026, 3, 13, 10, 0, 0));
        await t.CloseAsync(cases["C1"], "agreed", new(2026, 3, 20, 10, 0, 0));
        await t.CloseAsync(cases["C3"], "agreed", new(2026, 3, 20, 10, 0, 0));
        await t.CloseAsync(cases["C10"], "agreed", new(2026, 3, 25, 10, 0, 0));
        await t.CloseAsync(cases["C6"], "returnedToCourt", new(2026, 3, 31, 23, 0, 0));
        await t.CloseAsync(cases["C2"], "failed", new(2026, 4, 8, 10, 0, 0));
        await t.AddAgreementAsync(cases["C12"], AgreementForm.Oral, new(2025, 3, 15, 10, 0, 0), 100m, new(2025, 3, 20), performedOnSigning: true);
        await t.AddAgreementAsync(cases["C1"], AgreementForm.Oral, new(2026, 3, 20, 10, 0, 0), 5000m, new(2026, 3, 25));
        await t.AddAgreementAsync(cases["C3"], AgreementForm.Written, new(2026, 3, 20, 15, 0, 0), 12000.50m, new(2026, 4, 5));
        await t.AddAgreementAsync(cases["C10"], AgreementForm.Written, new(2026, 3, 25, 10, 0, 0), 80000m, new(2026, 3, 28));
        await t.AddConfirmationAsync(cases["C3"], new(2026, 3, 22), ConfirmationStatus.Confirmed, new(2026, 3, 28));
        await t.AddConfirmationAsync(cases["C10"], new(2026, 3, 26), ConfirmationStatus.Rejected, new(2026, 3, 31));
        await t.AddFollowUpAsync(cases["C1"], new(2026, 3, 26, 10, 0, 0), new(2026, 3, 30, 10, 0, 0), Performance.Fully, 5);
        await t.AddFollowUpAsync(cases["C10"], new(2026, 3, 29, 10, 0, 0), new(2026, 4, 9, 10, 0, 0), Performance.Partly, 2);
        await t.AddFollowUpAsync(cases["C7"], new(2026, 3, 31, 10, 0, 0));
        await t.AddFollowUpAsync(cases["C7"], new(2026, 4, 20, 10, 0, 0));
        t.Clock.SetUtcNow(Now);
        return new ReportScenario(t, other, cases);
    }
}
