using System.Text.Json.Nodes;
using Mediation.Workflows.Execution;
using Microsoft.Extensions.DependencyInjection;
using static Mediation.Workflows.Tests.TestEngine;

namespace Mediation.Workflows.Tests.Execution;

public sealed class ServiceTaskRetryTests
{
    [Fact]
    public async Task FailingHandler_IsRetriedAConfiguredNumberOfTimes_ThenLeftForAPerson()
    {
        await using var engine = await CreateAsync(configure: services => services
            .AddSingleton(new EngineOptions { ServiceTaskRetries = 3, RetryBackoff = TimeSpan.FromSeconds(30) })
            .AddServiceTaskHandler<AlwaysFails>("notifyParties"));
        await engine.DeployAsync(BpmnText.Process("Notify", """
                <startEvent id="Start"/>
                <sequenceFlow id="f1" sourceRef="Start" targetRef="Task_Notify"/>
                <serviceTask id="Task_Notify" camunda:delegateExpression="${notifyParties}"/>
            """));
        var started = await engine.StartAsync("Notify");
        var ct = TestContext.Current.CancellationToken;

        for (var hour = 0; hour < 48; hour++)
        {
            engine.Clock.Advance(TimeSpan.FromHours(1));
            await engine.Engine.FireDueTimersAsync(ct);
        }

        Assert.Equal(4, AlwaysFails.Calls);   // the first run and three retries
        Assert.Null(await engine.Engine.NextTimerDueAsync(ct));
        var incident = Assert.Single(await engine.Engine.ListIncidentsAsync(started.Id, ct));
        Assert.Equal(("Task_Notify", "ServiceFailure"), (incident.ElementId, incident.Kind));
    }

    private sealed class AlwaysFails : IServiceTaskHandler
    {
        public static int Calls;

        public Task<IReadOnlyDictionary<string, JsonNode?>?> ExecuteAsync(ServiceTaskContext context, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            throw new InvalidOperationException("SMS gateway down");
        }
    }
}
