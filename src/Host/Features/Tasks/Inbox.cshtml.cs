using Mediation.Host.Features.Cases;
using Mediation.Host.Features.Shared;
using Mediation.Host.Infrastructure.Database;
using Mediation.Workflows.Execution;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Tasks;

/// <summary>The mediator's inbox: open tasks they own or are offered, oldest first, with a button to complete one.</summary>
public sealed class InboxModel(IWorkflowEngine engine, TaskAccess access, HostDbContext db) : PageModel
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public IReadOnlyList<UserTaskView> Tasks { get; private set; } = [];

    /// <summary>The business keys of the listed tasks that are case numbers: those link to their case page.</summary>
    public IReadOnlySet<string> CaseNumbers { get; private set; } = new HashSet<string>();

    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Tasks = await engine.ListTasksAsync(await access.QueryForAsync(User, ct: ct), ct);
        var keys = Tasks.Select(t => t.BusinessKey).OfType<string>().Distinct().ToList();
        CaseNumbers = (await db.Set<Case>().AsNoTracking().Where(c => keys.Contains(c.CaseNumber)).Select(c => c.CaseNumber).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
    }

    public async Task<IActionResult> OnPostCompleteAsync(Guid taskId, int? revision, CancellationToken ct)
    {
        if (await engine.GetTaskAsync(taskId, ct) is not { } task || !await access.CanWorkAsync(User, task, ct)) return NotFound();
        try
        {
            var outcome = await engine.CompleteTaskAsync(new CompleteTaskRequest(taskId, User.UserName(), null, revision), ct);
            Message = outcome.Outcome == TaskOutcome.Completed
                ? $"已完成：{task.Name ?? task.ElementId}。Completed."
                : "该任务已被他人处理或已变更，请刷新。The task was already handled or changed; the list is refreshed.";
        }
        catch (ConcurrencyConflictException)
        {
            Message = "该任务已被他人处理，请刷新。Someone else handled this case first.";
        }
        return RedirectToPage();
    }

    public static string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Shanghai).ToString("yyyy-MM-dd HH:mm");
}
