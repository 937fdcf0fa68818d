using Mediation.Workflows.Bpmn.Validation;
using Mediation.Workflows.Execution;

namespace Mediation.Host.Features.Definitions;

/// <summary><c>Mediation:Definitions</c>: the folder of shipped BPMN files deployed at start-up.</summary>
public sealed class DefinitionsOptions
{
    public const string Section = "Mediation:Definitions";

    /// <summary>Relative paths are looked up from the content root upwards, so the repository's folder is found from src/Host.</summary>
    public string Path { get; set; } = "workflow-definitions";

    public bool DeployOnStart { get; set; } = true;
}

public static class DeployOnStart
{
    /// <summary>Deploys every BPMN file of the folder; an unchanged file is not deployed again, a broken one is logged and skipped.</summary>
    public static async Task DeployShippedDefinitionsAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DefinitionsOptions>>().Value;
        if (!options.DeployOnStart) return;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Mediation.Definitions");
        var folder = Locate(options.Path, services.GetRequiredService<IHostEnvironment>().ContentRootPath);
        if (folder is null)
        {
            logger.LogWarning("No definitions folder '{Path}' was found from the content root; nothing deployed", options.Path);
            return;
        }
        var engine = services.GetRequiredService<IWorkflowEngine>();
        var files = Directory.EnumerateFiles(folder, "*.bpmn").Concat(Directory.EnumerateFiles(folder, "*.bpmn20.xml")).Order();
        foreach (var file in files)
        {
            var result = await engine.DeployAsync(await File.ReadAllBytesAsync(file, ct), System.IO.Path.GetFileName(file), ct);
            if (!result.Succeeded)
            {
                logger.LogError("{File} was not deployed: {Findings}", file,
                    string.Join("; ", result.Findings.Where(f => f.Severity == Severity.Error).Select(f => f.Format(System.IO.Path.GetFileName(file)))));
            }
            else if (result.IsNew)
            {
                logger.LogInformation("Deployed {Key} version {Version} from {File}", result.Definition!.Key, result.Definition.Version, file);
            }
        }
    }

    internal static string? Locate(string path, string contentRoot)
    {
        if (System.IO.Path.IsPathRooted(path)) return Directory.Exists(path) ? path : null;
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, path);
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
