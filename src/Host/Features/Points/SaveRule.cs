using System.Security.Claims;
using System.Text.RegularExpressions;
using Mediation.Host.Features.Organisation;
using Mediation.Host.Features.Shared;
using Mediation.Host.Infrastructure.Database;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Host.Features.Points;

/// <summary>
/// <c>POST /api/points/rules</c> and <c>PUT /api/points/rules/{id}</c> (supervisors, administrators)
/// <c>{ name, eventKind, processKey?, elementId?, recipient, variable?, recipientRole?, points, capPerCase?,
/// requiresConfirmation?, active? }</c>. A change applies to what happens next; entries already made keep their points.
/// A rule can never target a party: there is no such recipient, and a party variable is refused by name.
/// </summary>
public static partial class SaveRule
{
    public const int MaxPoints = 100;

    public sealed record Body(string? Name, string? EventKind, string? ProcessKey, string? ElementId, string? Recipient, string? Variable,
        string? RecipientRole, int? Points, int? CapPerCase, bool? RequiresConfirmation, bool? Active);

    public static async Task<Results<Created<RuleView>, ValidationProblem>> Create(Body body, ClaimsPrincipal user, HostDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = Check(body);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The rule cannot be saved");
        var rule = new PointsRule { Name = "", EventKind = "" };
        Apply(rule, body, user.UserName(), clock.GetUtcNow());
        db.Add(rule);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/points/rules/{rule.Id}", RuleView.From(rule));
    }

    public static async Task<Results<Ok<RuleView>, NotFound, ValidationProblem>> Update(int id, Body body, ClaimsPrincipal user, HostDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        var rule = await db.Set<PointsRule>().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (rule is null) return TypedResults.NotFound();
        var errors = Check(body);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The rule cannot be saved");
        Apply(rule, body, user.UserName(), clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(RuleView.From(rule));
    }

    private static void Apply(PointsRule rule, Body body, string user, DateTimeOffset now)
    {
        rule.Name = body.Name!.Trim();
        rule.EventKind = body.EventKind!;
        rule.ProcessKey = Blank(body.ProcessKey);
        rule.ElementId = Blank(body.ElementId);
        rule.Recipient = Enum.Parse<PointsRecipient>(body.Recipient!, ignoreCase: true);
        rule.Variable = Blank(body.Variable);
        rule.RecipientRole = Blank(body.RecipientRole);
        rule.Points = body.Points!.Value;
        rule.CapPerCase = body.CapPerCase;
        rule.RequiresConfirmation = body.RequiresConfirmation ?? false;
        rule.Active = body.Active ?? true;
        rule.UpdatedAt = now;
        rule.UpdatedBy = user;
    }

    /// <summary>Every field that is wrong, by name.</summary>
    public static Dictionary<string, string[]> Check(Body body)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Trim().Length > PointsModelConfiguration.NameLength)
            errors["name"] = [$"a name of at most {PointsModelConfiguration.NameLength} characters"];
        if (body.EventKind is null || !PointsSetup.JournalEventKinds.Contains(body.EventKind))
            errors["eventKind"] = [$"'{body.EventKind}' is not a journal event; one of {string.Join(", ", PointsSetup.JournalEventKinds.Order(StringComparer.Ordinal))}"];
        if (body.ProcessKey?.Length > 255) errors["processKey"] = ["at most 255 characters"];
        if (body.ElementId?.Length > 255) errors["elementId"] = ["at most 255 characters"];
        if (body.Points is not (> 0 and <= MaxPoints)) errors["points"] = [$"a whole number of points from 1 to {MaxPoints}"];
        if (body.CapPerCase is < 1) errors["capPerCase"] = ["at least 1, or leave it out for the ledger's own per-case cap only"];
        CheckRecipient(body, errors);
        return errors;
    }

    private static void CheckRecipient(Body body, Dictionary<string, string[]> errors)
    {
        if (body.Recipient is null || !Enum.TryParse<PointsRecipient>(body.Recipient, ignoreCase: true, out var recipient) || !Enum.IsDefined(recipient)
            || int.TryParse(body.Recipient, out _))
        {
            errors["recipient"] = [CaseParties.PartyVariables.Contains(body.Recipient ?? "")
                ? "a rule can never award points to a party (DOMAIN §5); choose Actor, Assignee, UserVariable or HouseholdVariable"
                : $"'{body.Recipient}' is not one of Actor, Assignee, UserVariable, HouseholdVariable"];
            return;
        }
        if (recipient == PointsRecipient.Assignee && body.EventKind?.StartsWith("Task", StringComparison.Ordinal) != true)
            errors["recipient"] = ["Assignee needs a task event (TaskCompleted, TaskClaimed...)"];
        var needsVariable = recipient is PointsRecipient.UserVariable or PointsRecipient.HouseholdVariable;
        var variable = Blank(body.Variable);
        if (needsVariable && (variable is null || !Identifier().IsMatch(variable)))
            errors["variable"] = [$"{recipient} needs the name of the variable that holds the recipient (letters, digits, _)"];
        else if (!needsVariable && variable is not null)
            errors["variable"] = [$"{recipient} takes no variable"];
        else if (variable is not null && CaseParties.PartyVariables.Contains(variable))
            errors["variable"] = [$"'{variable}' holds the case's parties: a rule can never award points to a party (DOMAIN §5)"];
        var role = Blank(body.RecipientRole);
        if (role is not null && recipient == PointsRecipient.HouseholdVariable)
            errors["recipientRole"] = ["a household has no role; leave recipientRole out"];
        else if (role is not null && !CandidateGroup.All.ContainsKey(role))
            errors["recipientRole"] = [$"'{role}' is not a role; one of {string.Join(", ", CandidateGroup.All.Keys)}"];
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,99}$")]
    private static partial Regex Identifier();
}
