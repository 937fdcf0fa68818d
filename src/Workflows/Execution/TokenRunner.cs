using Mediation.Workflows.Bpmn;
using Mediation.Workflows.Expressions;
using Mediation.Workflows.Journal;
using Mediation.Workflows.Persistence;

namespace Mediation.Workflows.Execution;

/// <summary>Moves ready tokens through the graph until each one waits or ends.</summary>
internal sealed class TokenRunner(IExpressionEvaluator expressions, UserTaskFactory tasks)
{
    /// <summary>Steps one command may take before it is stopped: a loop with no wait state must not spin forever.</summary>
    public const int MaxStepsPerCommand = 10_000;

    public void Run(CommandContext context)
    {
        var steps = 0;
        while (context.State.Tokens.FirstOrDefault(t => t.Status == TokenStatus.Ready) is { } token)
        {
            if (++steps > MaxStepsPerCommand)
            {
                throw new InvalidOperationException(
                    $"The instance took more than {MaxStepsPerCommand} steps in one command at '{token.ElementId}': a loop without a wait state?");
            }
            Execute(context, token);
        }
        if (context.State.Tokens.Count == 0 && context.Instance.Status == InstanceStatus.Running)
        {
            context.Instance.Status = InstanceStatus.Completed;
            context.Instance.EndedAt = context.Now;
            context.Journal(JournalKinds.InstanceCompleted, null);
        }
    }

    private void Execute(CommandContext context, Token token)
    {
        var node = context.Model.Node(token.ElementId);
        context.Journal(JournalKinds.ElementEntered, node.Id);
        switch (node.Kind)
        {
            case NodeKind.UserTask:
                var task = tasks.Create(context, node, token);
                token.Status = TokenStatus.Waiting;
                token.BookmarkId = task.Id;
                break;
            case NodeKind.ParallelGateway:
                Join(context, token, node);
                break;
            case NodeKind.EndEvent:
                context.Journal(JournalKinds.ElementLeft, node.Id);
                context.State.Tokens.Remove(token);
                break;
            default:   // start events, none and manual tasks, none throw events pass straight through
                Leave(context, token, node);
                break;
        }
    }

    /// <summary>
    /// A parallel gateway waits for one token per incoming flow, then leaves with one token per outgoing flow
    /// (a gateway with one incoming flow is a pure fork and never waits).
    /// </summary>
    private void Join(CommandContext context, Token token, FlowNode node)
    {
        var expected = context.Model.Incoming(node.Id).Count();
        var arrived = context.State.Tokens.Where(t => t.ElementId == node.Id && t.Status == TokenStatus.Joining).ToList();
        if (arrived.Count + 1 < expected)
        {
            token.Status = TokenStatus.Joining;
            return;
        }
        foreach (var sibling in arrived) context.State.Tokens.Remove(sibling);
        Leave(context, token, node);
    }

    /// <summary>Takes every outgoing flow whose condition holds; with none left the token ends here.</summary>
    public void Leave(CommandContext context, Token token, FlowNode node)
    {
        context.Journal(JournalKinds.ElementLeft, node.Id);
        var targets = context.Model.Outgoing(node.Id)
            .Where(flow => flow.Condition is null || expressions.EvaluateCondition(flow.Condition, context.Variables))
            .Select(flow => flow.TargetRef)
            .ToList();
        context.State.Tokens.Remove(token);
        foreach (var target in targets)
        {
            context.State.Tokens.Add(new Token { Id = Guid.NewGuid(), ElementId = target, Status = TokenStatus.Ready });
        }
    }
}
