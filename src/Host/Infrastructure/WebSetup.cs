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

    /// <summary>The Designer build: beside the binary when published, else the source tree's dist folder.</summary>
    private static string? DesignerAssets(IWebHostEnvironment environment)
    {
        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, "designer"),
            Path.Combine(environment.ContentRootPath, "..", "Designer", "dist"),
            Path.Combine(environment.ContentRootPath, "src", "Designer", "dist"),
        ];
        return candidates.Select(Path.GetFullPath).FirstOrDefault(Directory.Exists);
    }
}
