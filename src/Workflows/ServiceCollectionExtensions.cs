using Mediation.Workflows.Bpmn.Validation;
using Mediation.Workflows.Definitions;
using Mediation.Workflows.Execution;
using Mediation.Workflows.Expressions;
using Mediation.Workflows.Timers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mediation.Workflows;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the engine. The caller registers an <see cref="Persistence.IWorkflowDbFactory"/> for its
    /// database and may replace <see cref="ITimerScheduler"/> (the Host's schedules Hangfire jobs).
    /// </summary>
    public static IServiceCollection AddMediationWorkflows(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITimerScheduler, ManualTimerScheduler>();
        services.TryAddSingleton<CalendarSource>();
        services.TryAddSingleton<JintExpressionEvaluator>();
        services.TryAddSingleton<IExpressionEvaluator>(sp => sp.GetRequiredService<JintExpressionEvaluator>());
        services.TryAddSingleton(sp => new BpmnValidator(sp.GetRequiredService<JintExpressionEvaluator>()));
        services.TryAddSingleton<DefinitionCache>();
        services.TryAddSingleton<DefinitionChecker>();
        services.TryAddSingleton<DeploymentService>();
        services.TryAddSingleton<ITaskScopeResolver, NoTaskScope>();
        services.TryAddSingleton<UserTaskFactory>();
        services.TryAddSingleton(new EngineOptions());
        services.TryAddSingleton<ServiceTaskRegistry>();
        services.TryAddSingleton<TimerSchedule>();
        services.TryAddSingleton<ProvisionalDeadlines>();
        services.TryAddSingleton<TokenRunner>();
        services.TryAddSingleton<Persistence.HotRows>();
        services.TryAddSingleton<Persistence.GroupCommit>();
        services.TryAddSingleton<IWorkflowEngine, WorkflowEngine>();
        return services;
    }
}
