using System.Security.Cryptography;
using Mediation.Workflows.Bpmn.Validation;
using Mediation.Workflows.Execution;
using Mediation.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Workflows.Definitions;

/// <summary>Validates BPMN and stores one definition version per executable process it holds.</summary>
internal sealed class DeploymentService(IWorkflowDbFactory databases, DefinitionCache cache, DefinitionChecker checker, TimeProvider clock)
{
    public async Task<DeploymentResult> DeployAsync(byte[] content, string? resourceName, CancellationToken ct)
    {
        var findings = checker.Check(content, out var document);
        if (findings.Any(f => f.Severity == Severity.Error)) return new DeploymentResult(null, findings, false);
        var xml = DefinitionChecker.DecodeUtf8(content, out var encoding);
        if (xml is null) return new DeploymentResult(null, [.. findings, encoding!], false);

        var hash = Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();
        await using var db = databases.Create();
        ProcessDefinitionEntity? first = null;
        var isNew = false;
        foreach (var process in document.ExecutableProcesses)
        {
            var existing = await db.ProcessDefinitions.AsNoTracking()
                .Where(d => d.Key == process.Id)
                .OrderByDescending(d => d.Version)
                .FirstOrDefaultAsync(ct);
            if (existing is not null && existing.Hash == hash)
            {
                first ??= existing;   // identical XML: the latest version stays
                continue;
            }
            var entity = new ProcessDefinitionEntity
            {
                Id = Guid.NewGuid(),
                Key = process.Id,
                Version = (existing?.Version ?? 0) + 1,
                Name = process.Name,
                ResourceName = resourceName,
                Hash = hash,
                Xml = xml,
                DeployedAt = clock.GetUtcNow(),
            };
            db.ProcessDefinitions.Add(entity);
            cache.Add(entity.Id, document);
            first ??= entity;
            isNew = true;
        }
        await db.SaveChangesAsync(ct);
        return new DeploymentResult(first is null ? null : WorkflowEngine.ToView(first), findings, isNew);
    }
}
