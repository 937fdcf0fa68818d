using Mediation.Host.Cli;
using Mediation.Host.Features.Auth;
using Mediation.Host.Features.Calendar;
using Mediation.Host.Features.Cases;
using Mediation.Host.Features.Definitions;
using Mediation.Host.Features.Incidents;
using Mediation.Host.Features.Instances;
using Mediation.Host.Features.Messages;
using Mediation.Host.Features.Notifications;
using Mediation.Host.Features.Organisation;
using Mediation.Host.Features.Points;
using Mediation.Host.Features.Reports;
using Mediation.Host.Features.Tasks;
using Mediation.Host.Infrastructure;
using Mediation.Host.Infrastructure.Database;
using Mediation.Host.Infrastructure.Hangfire;
using Mediation.Workflows;
using Mediation.Workflows.Execution;

if (Verbs.TryRun(args, out var exitCode)) return exitCode;

try
{
    return await RunAsync(args);
}
catch (Exception e) when (e is DatabaseConfigurationException or CalendarConfigurationException)
{
    // One line that says what to fix, not a stack trace.
    Console.Error.WriteLine($"Mediation cannot start: {e.Message}");
    return 1;
}

static async Task<int> RunAsync(string[] args)
{
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = WebSetup.ContentRoot() });
builder.Services.AddSingleton(builder.Configuration.GetSection("Mediation:Engine").Get<Mediation.Workflows.Execution.EngineOptions>() ?? new());
builder.Services.AddMediationWorkflows();
builder.Services.AddServiceTaskHandler<NotifyHandler>(NotifyHandler.Name);
builder.Services.AddMediationDatabase(builder.Configuration);
builder.Services.AddMediationAuth();
builder.Services.AddMediationHangfire(builder.Configuration);
builder.Services.AddMediationWeb();
builder.Services.AddOptions<DefinitionsOptions>().BindConfiguration(DefinitionsOptions.Section);
builder.Services.AddMediationCalendar();
builder.Services.AddMediationOrganisation();
builder.Services.AddMediationPoints();
builder.Services.AddMediationCases();
builder.Services.AddMediationReports();

var app = builder.Build();
await app.Services.MigrateMediationDatabaseAsync();
await app.Services.LoadCalendarAsync();
await app.Services.SeedAdministratorAsync();
await app.Services.SeedSampleOrganisationAsync();
await app.Services.SeedPointsAsync();
await app.Services.DeployShippedDefinitionsAsync();
await app.Services.SeedSampleCasesAsync();
await app.Services.StartPendingCasesAsync();

app.UseMediationWeb();
app.MapAuth();
app.MapDefinitions();
app.MapInstances();
app.MapTasks();
app.MapMessages();
app.MapIncidents();
app.MapNotifications();
app.MapCalendar();
app.MapOrganisation();
app.MapPoints();
app.MapCases();
app.MapReports();
app.MapMediationHangfire();
await app.Services.ReschedulePendingTimersAsync();
app.MapMediationPages();

await app.RunAsync();
return 0;
}

public partial class Program;
