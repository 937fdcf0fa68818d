using Microsoft.Extensions.FileProviders;

namespace Mediation.Host.Infrastructure;

/// <summary>What every feature shares: ProblemDetails, pages, static Designer assets, OpenAPI, health.</summary>
public static class WebSetup
{
    public static IServiceCollection AddMediationWeb(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<EngineExceptionHandler>();
        services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            o.Conventions.AllowAnonymousToPage("/Auth/Login");
        });
        services.AddOpenApi();
        services.AddHealthChecks();
        return services;
    }

    public static WebApplication UseMediationWeb(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        if (DesignerAssets(app.Environment) is { } assets)
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(assets), RequestPath = "/designer" });
        }
        else
        {
            app.Logger.LogWarning("The Designer's built assets were not found; diagrams will not draw. Build src/Designer (npm run build).");
        }
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapMediationPages(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapOpenApi().AllowAnonymous();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapGet("/", () => Results.Redirect("/inbox")).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// The content root: the working directory when it holds the app's settings (a published app, the test host),
    /// else the build output beside the binary, as under <c>dotnet run</c> from the repository root.
    /// </summary>
    public static string? ContentRoot()
        => File.Exists(Path.Combine(Environment.CurrentDirectory, "appsettings.json")) ? null
            : File.Exists(Path.Combine(AppContext.BaseDirectory, "appsettings.json")) ? AppContext.BaseDirectory
            : null;

    /// <summary>The Designer build: beside the binary when published, else the source tree's dist folder above it.</summary>
    private static string? DesignerAssets(IWebHostEnvironment environment)
    {
        var published = Path.Combine(AppContext.BaseDirectory, "designer");
        if (Directory.Exists(published)) return published;
        foreach (var start in new[] { environment.ContentRootPath, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "src", "Designer", "dist");
                if (Directory.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
