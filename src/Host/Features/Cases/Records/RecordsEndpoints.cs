using Hangfire;
using Mediation.Host.Features.Cases.Handlers;
using Mediation.Host.Features.Cases.Records.Agreements;
using Mediation.Host.Features.Cases.Records.Attachments;
using Mediation.Host.Features.Cases.Records.Confirmation;
using Mediation.Host.Features.Organisation;
using Mediation.Workflows.Execution;

namespace Mediation.Host.Features.Cases.Records;

/// <summary>
/// The case's records under <c>/api/cases/{caseNumber}/...</c>. Everyone who sees the case reads them; mediators, the
/// judicial office, police, court, intake and supervisors write them, and grid members too for notes, files and follow-up
/// visits (their daily work). A case the caller may not see answers 404 on every route.
/// </summary>
public static class RecordsEndpoints
{
    public static readonly string[] CaseWorkers = CasesEndpoints.IntakeRoles;

    public static readonly string[] FieldWorkers = [.. CasesEndpoints.IntakeRoles, CandidateGroup.GridMembers];

    public static IServiceCollection AddCaseRecords(this IServiceCollection services)
    {
        services.AddScoped<CaseRecordAccess>();
        services.AddSingleton<RecordClock>();
        services.AddScoped<ProcessUpdates>();
        services.AddScoped<RecordsSync>();
        services.AddSingleton<AttachmentStore>();
        services.AddOptions<AttachmentOptions>().BindConfiguration(AttachmentOptions.Section)
            .Validate(o => o.MaxBytes > 0 && !string.IsNullOrWhiteSpace(o.Path), "Mediation:Attachments needs a Path and a MaxBytes above 0")
            .ValidateOnStart();
        services.AddServiceTaskHandler<ScheduleFollowUpHandler>(ScheduleFollowUpHandler.Name);
        services.AddServiceTaskHandler<RecordOutcomeHandler>(RecordOutcomeHandler.Name);
        return services;
    }

    public static IEndpointRouteBuilder MapCaseRecords(this IEndpointRouteBuilder app)
    {
        var records = app.MapGroup("/api/cases/{caseNumber}").WithTags("Case records");
        records.MapPatch("/parties/{index:int}", CompleteParty.Handle).WithName("CompleteParty").RequireAuthorization(p => p.RequireRole(CaseWorkers));

        records.MapGet("/sessions", ListSessions.Handle).WithName("ListSessions");
        records.MapGet("/sessions/{id:guid}", ListSessions.One).WithName("GetSession");
        records.MapPost("/sessions", RecordSession.Handle).WithName("RecordSession").RequireAuthorization(p => p.RequireRole(CaseWorkers));

        records.MapGet("/notes", CaseNotes.List).WithName("ListNotes");
        records.MapPost("/notes", CaseNotes.Add).WithName("AddNote").RequireAuthorization(p => p.RequireRole(FieldWorkers));

        records.MapGet("/attachments", DownloadAttachment.List).WithName("ListAttachments");
        records.MapGet("/attachments/{id:guid}", DownloadAttachment.Handle).WithName("DownloadAttachment");
        records.MapPost("/attachments", UploadAttachment.Handle).WithName("UploadAttachment").RequireAuthorization(p => p.RequireRole(FieldWorkers));

        records.MapGet("/agreement", SaveAgreement.Get).WithName("GetAgreement");
        records.MapPut("/agreement", SaveAgreement.Handle).WithName("SaveAgreement").RequireAuthorization(p => p.RequireRole(CaseWorkers));
        records.MapPost("/agreement/sign", SignAgreement.Handle).WithName("SignAgreement").RequireAuthorization(p => p.RequireRole(CaseWorkers));

        records.MapGet("/confirmation", ApplyConfirmation.Get).WithName("GetConfirmation");
        records.MapPost("/confirmation", ApplyConfirmation.Handle).WithName("ApplyConfirmation").RequireAuthorization(p => p.RequireRole(CaseWorkers));
        records.MapPost("/confirmation/result", RecordConfirmationResult.Handle).WithName("RecordConfirmationResult")
            .RequireAuthorization(p => p.RequireRole(CaseWorkers));

        records.MapGet("/followups", FollowUps.List).WithName("ListFollowUps");
        records.MapPost("/followups", FollowUps.Plan).WithName("PlanFollowUp").RequireAuthorization(p => p.RequireRole(FieldWorkers));
        records.MapPost("/followups/{id:guid}/visit", FollowUps.Visit).WithName("RecordFollowUpVisit").RequireAuthorization(p => p.RequireRole(FieldWorkers));

        records.MapGet("/file", CaseFile.Handle).WithName("GetCaseFile");
        app.ServiceProvider.GetRequiredService<IRecurringJobManager>().AddOrUpdate<RecordsSync>(
            RecordsSync.JobId, job => job.SweepAsync(CancellationToken.None), Cron.Minutely());
        return app;
    }
}
