using Mediation.Workflows.Execution;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mediation.Host.Features.Definitions;

/// <summary>The deployed processes, the latest version of each drawn by the Designer's viewer.</summary>
public sealed class IndexModel(IWorkflowEngine engine) : PageModel
{
    public IReadOnlyList<ProcessDefinitionView> Definitions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
        => Definitions = (await engine.ListDefinitionsAsync(ct)).GroupBy(d => d.Key).Select(g => g.First()).ToList();
}
