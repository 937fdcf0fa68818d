namespace Mediation.Host.Cli;

/// <summary>The command-line verbs of the Host executable (ARCHITECTURE §7); anything else starts the web app.</summary>
public static class Verbs
{
    public static bool TryRun(string[] args, out int exitCode)
    {
        exitCode = 0;
        if (args.Length == 0) return false;
        switch (args[0])
        {
            case "validate":
                exitCode = ValidateVerb.Run(args[1..], Console.Out, Console.Error);
                return true;
            case "migrations-script":
                exitCode = MigrationsScriptVerb.Run(args[1..], Console.Out, Console.Error);
                return true;
            case "backup":
                exitCode = BackupVerb.Run(args[1..], AppConfiguration(), Console.Out, Console.Error);
                return true;
            case "scenario":
                exitCode = ScenarioVerb.RunAsync(args[1..], Console.Out, Console.Error).GetAwaiter().GetResult();
                return true;
            default:
                return false;
        }
    }

    // The settings the web app reads, from the same sources (appsettings.json, appsettings.{Environment}.json,
    // environment variables), so the verb finds the database the app uses.
    private static IConfiguration AppConfiguration()
        => WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = Infrastructure.WebSetup.ContentRoot() }).Configuration;
}
