using System.Text.Json.Nodes;
using Mediation.Workflows.Bpmn;
using Microsoft.Extensions.DependencyInjection;

namespace Mediation.Workflows.Execution;

/// <summary>
/// The code behind a service task, registered by name: the name a BPMN file gives in
/// <c>camunda:delegateExpression="${name}"</c>, <c>camunda:class</c> or an external <c>camunda:topic</c>.
/// </summary>
public interface IServiceTaskHandler
{
    /// <summary>Does the work; returns variables to set. Throw <see cref="BpmnErrorException"/> for a business error
    /// a boundary event can catch; any other exception is a technical failure and becomes an incident.</summary>
    Task<IReadOnlyDictionary<string, JsonNode?>?> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken);
}

/// <param name="TokenId">The token at the task: the same when a command that failed runs the task again, so a handler
/// with a side effect outside the engine's transaction can make it once (a key of instance, token and element).</param>
public sealed record ServiceTaskContext(Guid InstanceId, string? BusinessKey, string ElementId, string HandlerName,
    JsonObject Variables, DateTimeOffset Now, Guid TokenId = default);

/// <summary>A BPMN error thrown by a handler: caught by an error boundary event with the same code (or none).</summary>
public sealed class BpmnErrorException(string errorCode, string? message = null) : Exception(message ?? $"BPMN error {errorCode}")
{
    public string ErrorCode { get; } = errorCode;
}

/// <summary>A handler registration: the name BPMN files use and the handler type.</summary>
public sealed record ServiceTaskRegistration(string Name, Func<IServiceProvider, IServiceTaskHandler> Create);

/// <summary>Finds handlers by name; a name nobody registered yields none, and running the task raises an incident.</summary>
public sealed class ServiceTaskRegistry(IServiceProvider services, IEnumerable<ServiceTaskRegistration> registrations)
{
    private readonly Dictionary<string, ServiceTaskRegistration> byName =
        registrations.GroupBy(r => r.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    public IServiceTaskHandler? Find(string name) => byName.TryGetValue(name, out var registration) ? registration.Create(services) : null;

    public IEnumerable<string> Names => byName.Keys;

    /// <summary>The handler name a service task asks for, or null when it names none.</summary>
    public static string? HandlerName(FlowNode node)
    {
        var text = node.CamundaAttribute("delegateExpression") ?? node.CamundaAttribute("class")
            ?? node.CamundaAttribute("topic") ?? node.CamundaAttribute("expression");
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        if ((text.StartsWith("${", StringComparison.Ordinal) || text.StartsWith("#{", StringComparison.Ordinal)) && text.EndsWith('}'))
        {
            text = text[2..^1].Trim();
        }
        return text;
    }
}

public static class ServiceTaskServiceCollectionExtensions
{
    /// <summary>Registers a service-task handler under the name BPMN files use for it.</summary>
    public static IServiceCollection AddServiceTaskHandler<THandler>(this IServiceCollection services, string name)
        where THandler : class, IServiceTaskHandler
    {
        services.AddTransient<THandler>();
        services.AddSingleton(new ServiceTaskRegistration(name, sp => sp.GetRequiredService<THandler>()));
        return services;
    }
}
